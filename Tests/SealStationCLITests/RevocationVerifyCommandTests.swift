import Foundation
import SealTestSupport
import Testing

@Suite("verify, seal verify, cert verify and bundle verify with --crl and --require-crl")
struct RevocationVerifyCommandTests {
    @Test("注销 then crl issue: the earlier signature verifies and names both times; one made after fails with the reason; the seal and its certificate fail; a missing or bad CRL is named")
    func revokedSeal() throws {
        let (directory, _) = try StationCommandTests().station()
        let clerk = ["--officer", "王经办", "--passphrase-file", directory.path("clerk.pass")]
        let approver = ["--officer", "李审批", "--passphrase-file", directory.path("approver.pass")]
        let admin = ["--officer", "张管理", "--passphrase-file", directory.path("admin.pass")]
        func call(_ arguments: [String]) throws -> ExternalTool.Result {
            try SealStationCLI.run(arguments + ["--db", directory.path("station/registry.sqlite")])
        }
        func expectOK(_ arguments: [String]) throws {
            let result = try call(arguments)
            #expect(result.status == 0, "\(arguments.prefix(2)): \(result.stderr)")
        }
        try expectOK(["apply", "--unit", "北京某某科技发展有限公司", "--credit-code", "91110108MA00000070", "--template", "round-42", "--reason", "新设立"] + clerk)
        try expectOK(["approve", "1"] + approver)
        try expectOK(["issue", "1", "--station-passphrase-file", directory.path("station.pass"), "--holder-passphrase-file", directory.path("holder.pass")] + clerk)
        try directory.write("doc.txt", text: "合同")
        try expectOK(["use", "request", "--seal", "1", "--reason", "签合同", "--count", "1"] + clerk)
        try expectOK(["use", "approve", "1"] + approver)
        try expectOK(["use", "sign", "--seal", "1", directory.path("doc.txt"), "--out", directory.path("a.ses"),
                      "--holder-passphrase-file", directory.path("holder.pass")] + clerk)
        // Signatures and CRLs hold whole seconds: the 注销 comes in a later second than the signature.
        Thread.sleep(forTimeInterval: 1.1)
        try expectOK(["revoke", "1", "--reason", "单位注销"] + approver)
        let crl = directory.path("station-ca.crl")
        try expectOK(["crl", "issue", "--out", crl, "--station-passphrase-file", directory.path("station.pass")] + admin)

        let ca = directory.path("station/ca")
        let folder = directory.path("station/issued/11010800000001")
        let earlier = try SealStationCLI.run(["verify", "--signature", directory.path("a.ses"), directory.path("doc.txt"), "--ca", ca, "--crl", crl, "--require-crl"])
        #expect(earlier.status == 0, "\(earlier.stdout)\(earlier.stderr)")
        #expect(earlier.stdout.contains("cessationOfOperation") && earlier.stdout.contains("before the revocation"), "\(earlier.stdout)")

        // The holder still has the key files and signs outside the station.
        try directory.write("later.txt", text: "注销后的文件")
        let signed = try SealStationCLI.run(["sign", "--seal", folder + "/seal.sel", "--key", folder + "/holder-key.p8", directory.path("later.txt"),
                                             "--out", directory.path("b.ses"), "--passphrase-file", directory.path("holder.pass")])
        #expect(signed.status == 0, "\(signed.stderr)")
        let plain = try SealStationCLI.run(["verify", "--signature", directory.path("b.ses"), directory.path("later.txt"), "--ca", ca])
        #expect(plain.status == 0, "without a CRL nothing is looked up: \(plain.stdout)")
        let later = try SealStationCLI.run(["verify", "--signature", directory.path("b.ses"), directory.path("later.txt"), "--ca", ca, "--crl", crl, "--json"])
        #expect(later.status == 2)
        let report = ((try SealStationCLI.json(later)["signatures"] as? [[String: Any]])?.first?["ses"] as? [String: Any]) ?? [:]
        let failed = (report["checks"] as? [[String: Any]] ?? []).filter { $0["status"] as? String == "failed" }
        #expect(failed.map { $0["id"] as? String } == ["signer-certificate-revocation"])
        let detail = failed.first?["detail"] as? String ?? ""
        #expect(detail.contains("cessationOfOperation") && detail.contains("停止使用（注销）") && detail.contains("after the revocation"), "\(detail)")

        let seal = try SealStationCLI.run(["seal", "verify", folder + "/seal.sel", "--ca", ca, "--crl", crl])
        #expect(seal.status == 2 && seal.stdout.contains("cessationOfOperation"), "\(seal.stdout)")
        let certificate = try SealStationCLI.run(["cert", "verify", "--ca", ca, "--crl", crl, "--json", folder + "/holder-cert.der"])
        #expect(certificate.status == 2)
        let certificateReport = try SealStationCLI.json(certificate)
        #expect(certificateReport["valid"] as? Bool == false)
        #expect((certificateReport["revocation"] as? [String: Any])?["status"] as? String == "invalid")
        let revokedEntries = (certificateReport["revocation"] as? [String: Any])?["revoked"] as? [[String: Any]]
        #expect(revokedEntries?.first?["reason"] as? String == "cessationOfOperation")
        // The maker certificate is not revoked: valid with the CRL, and with --require-crl.
        let maker = try SealStationCLI.run(["cert", "verify", "--ca", ca, "--crl", crl, "--require-crl", directory.path("station/maker/maker-cert.der")])
        #expect(maker.status == 0 && maker.stdout.contains("not revoked"), "\(maker.stdout)")

        // --require-crl without a CRL: a failure naming what is missing; a file that is not a CRL: exit 1, named.
        let missing = try SealStationCLI.run(["verify", "--signature", directory.path("a.ses"), directory.path("doc.txt"), "--ca", ca, "--require-crl"])
        #expect(missing.status == 2 && missing.stdout.contains("no CRL given"), "\(missing.stdout)")
        let notCRL = try SealStationCLI.run(["cert", "verify", "--ca", ca, "--crl", directory.path("doc.txt"), folder + "/holder-cert.der"])
        #expect(notCRL.status == 1 && notCRL.stderr.contains("the CRL \(directory.path("doc.txt")) cannot be used"), "\(notCRL.stderr)")
        var damaged = try directory.read("station-ca.crl")
        damaged[damaged.count - 5] ^= 0x01
        try directory.write("damaged.crl", damaged)
        let refused = try SealStationCLI.run(["cert", "verify", "--ca", ca, "--crl", directory.path("damaged.crl"), "--require-crl", folder + "/holder-cert.der"])
        #expect(refused.status == 2 && refused.stdout.contains("refused"), "\(refused.stdout)")

        // A bundle exported after the 注销 carries the CRL; bundle verify checks it, and with --crl the maker.
        try expectOK(["export", "--out", directory.path("courier"), "--station-passphrase-file", directory.path("station.pass")] + clerk)
        let bundle = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.path("courier")).first { $0.hasSuffix(".zip") })
        let verified = try SealStationCLI.run(["bundle", "verify", directory.path("courier/" + bundle), "--anchor", ca, "--no-redraw",
                                               "--crl", crl, "--require-crl", "--json"])
        #expect(verified.status == 0, "\(verified.stdout)")
        let checks = (try SealStationCLI.json(verified)["checks"] as? [[String: Any]]) ?? []
        #expect(checks.first { $0["id"] as? String == "crl" }?["status"] as? String == "passed")
        #expect(checks.first { $0["id"] as? String == "revocation" }?["status"] as? String == "passed")
    }
}
