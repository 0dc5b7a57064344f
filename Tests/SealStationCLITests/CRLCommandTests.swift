import Foundation
import SealTestSupport
import Testing

@Suite("sealstation crl issue/show/list, revoke --crl-reason, maker renew")
struct CRLCommandTests {
    /// The holder certificate serial of seal `esID` as openssl prints it (upper-case hex).
    func holderSerial(_ station: PendingWorkCommandTests.Station, esID: String) throws -> String {
        let result = try ExternalTool.run("openssl", [
            "x509", "-inform", "DER", "-in", station.directory.path("station/issued/\(esID)/holder-cert.der"), "-noout", "-serial",
        ])
        #expect(result.succeeded, "\(result.stderr)")
        return String(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).dropFirst("serial=".count))
    }

    func openSSLText(_ path: String, form: String = "DER") throws -> String {
        let result = try ExternalTool.run("openssl", ["crl", "-inform", form, "-in", path, "-text", "-noout"])
        #expect(result.succeeded, "\(result.stderr)")
        return result.stdout
    }

    @Test("revoke, crl issue: openssl lists the serial with Cessation Of Operation and the CRL number; the file is 0600 and never overwritten; crl show and crl list read it back")
    func issueShowList() throws {
        let station = try PendingWorkCommandTests.Station()
        let stationPass = ["--station-passphrase-file", station.directory.path("station.pass")]
        let seals = try station.jsonArray(["list"] + station.auditor)
        let esID = try #require(seals.first?["esID"] as? String)
        try station.expectRun(["revoke", "1", "--reason", "单位注销"] + station.approver)

        let out = station.directory.path("station-ca.crl")
        let issued = try station.run(["crl", "issue", "--out", out, "--json"] + stationPass + station.admin)
        #expect(issued.status == 0, "\(issued.stderr)")
        let summary = try SealStationCLI.json(issued)
        #expect(summary["number"] as? Int == 1 && summary["entries"] as? Int == 1 && summary["path"] as? String == out)
        let attributes = try FileManager.default.attributesOfItem(atPath: out)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        let text = try openSSLText(out)
        let serial = try holderSerial(station, esID: esID)
        #expect(text.contains("Serial Number: \(serial)"), "\(serial)\n\(text)")
        #expect(text.contains("Cessation Of Operation"), "\(text)")
        #expect(text.contains("X509v3 CRL Number:") && text.contains("                1\n"), "\(text)")
        #expect(text.contains("Signature Algorithm: SM2-with-SM3"), "\(text)")
        #expect(text.contains("X509v3 Authority Key Identifier"), "\(text)")
        let sm3 = try ExternalTool.run("openssl", ["dgst", "-sm3", "-r", out]).stdout.prefix(64)
        #expect(summary["sm3"] as? String == String(sm3))

        // An existing file is not overwritten (and no CRL is recorded for the refusal).
        let again = try station.run(["crl", "issue", "--out", out] + stationPass + station.admin)
        #expect(again.status != 0 && again.stderr.contains(out), "\(again.stderr)")
        // The window is range-checked: a usage error.
        #expect(try station.run(["crl", "issue", "--out", station.directory.path("x.crl"), "--next-update-days", "0"] + stationPass + station.admin).status == 64)
        // Only administrators issue CRLs.
        let refused = try station.run(["crl", "issue", "--out", station.directory.path("y.crl")] + stationPass + station.clerk)
        #expect(refused.status != 0 && !FileManager.default.fileExists(atPath: station.directory.path("y.crl")), "\(refused.stderr)")

        // PEM, numbered 2, with a 30-day window.
        let pem = station.directory.path("station-ca.pem")
        let second = try station.run(["crl", "issue", "--out", pem, "--pem", "--next-update-days", "30"] + stationPass + station.admin)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try String(contentsOfFile: pem, encoding: .utf8).hasPrefix("-----BEGIN X509 CRL-----"))
        #expect(try openSSLText(pem, form: "PEM").contains("                2\n"))

        // crl show: no station needed; table and JSON; says it does not verify.
        let shown = try SealStationCLI.run(["crl", "show", pem])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains(serial.lowercased()) && shown.stdout.contains("停止使用（注销）") && shown.stdout.contains("cessationOfOperation"), "\(shown.stdout)")
        #expect(shown.stdout.contains("does not check the signature"), "\(shown.stdout)")
        let shownJSON = try SealStationCLI.json(try SealStationCLI.run(["crl", "show", out, "--json"]))
        #expect(shownJSON["number"] as? String == "1" && shownJSON["verified"] as? Bool == false)
        let entries = try #require(shownJSON["entries"] as? [[String: Any]])
        #expect(entries.count == 1 && entries[0]["reason"] as? String == "cessationOfOperation" && entries[0]["reasonCode"] as? Int == 5)
        #expect((shownJSON["issuer"] as? String)?.contains("测试站") == true)
        #expect((shownJSON["signatureAlgorithm"] as? String)?.isEmpty == false)
        // Not a CRL: named as such.
        let notCRL = try SealStationCLI.run(["crl", "show", station.directory.path("授权书.pdf")])
        #expect(notCRL.status != 0 && notCRL.stderr.contains("CRL"), "\(notCRL.stderr)")

        // crl list: both, in order.
        let listed = try station.jsonArray(["crl", "list"] + station.auditor)
        #expect(listed.map { $0["number"] as? Int } == [1, 2])
        #expect(listed.map { $0["entries"] as? Int } == [1, 1])
        let table = try station.run(["crl", "list"] + station.auditor)
        #expect(table.status == 0 && table.stdout.contains("nextUpdate"), "\(table.stdout)")

        // The audit log still verifies, with both CRLs in it.
        let audit = try station.run(["audit", "verify"] + station.auditor)
        #expect(audit.status == 0, "\(audit.stdout)\(audit.stderr)")
    }

    @Test("revoke --crl-reason keyCompromise --invalidity-date reaches the CRL; a hold or an unknown name is refused; maker renew puts the maker on the CRL")
    func reasonsAndMakerRenewal() throws {
        let station = try PendingWorkCommandTests.Station()
        let stationPass = ["--station-passphrase-file", station.directory.path("station.pass")]
        try station.expectRun(["approve", "3"] + station.approver)
        try station.expectRun(["issue", "3", "--holder-passphrase-file", station.directory.path("holder.pass")] + stationPass + station.clerk)

        let hold = try station.run(["revoke", "2", "--reason", "暂停", "--crl-reason", "certificateHold"] + station.approver)
        #expect(hold.status != 0 && hold.stderr.contains("certificateHold"), "\(hold.stderr)")
        #expect(try station.run(["revoke", "2", "--reason", "x", "--crl-reason", "stolen"] + station.approver).status == 64)
        let revoked = try station.run(["revoke", "2", "--reason", "私钥泄露", "--crl-reason", "keyCompromise", "--invalidity-date",
                                       "2026-09-01T08:00:00Z", "--json"] + station.approver)
        #expect(revoked.status == 0, "\(revoked.stderr)")

        let makerCertificate = station.directory.path("station/maker/maker-cert.der")
        let oldMakerSerial = try ExternalTool.run("openssl", ["x509", "-inform", "DER", "-in", makerCertificate, "-noout", "-serial"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines).dropFirst("serial=".count)
        let renewed = try station.run(["maker", "renew", "--json"] + stationPass + station.admin)
        #expect(renewed.status == 0, "\(renewed.stderr)")
        let renewal = try SealStationCLI.json(renewed)
        #expect(renewal["reason"] as? String == "keyCompromise")
        #expect((renewal["oldSerialNumber"] as? String)?.uppercased() == String(oldMakerSerial))
        #expect(FileManager.default.fileExists(atPath: try #require(renewal["archivedCertificatePath"] as? String)))
        // The new maker certificate is signed by the station CA (openssl checks the chain).
        let ca = station.directory.path("station/ca/ca-cert.pem")
        let pem = station.directory.path("maker.pem")
        #expect(try ExternalTool.run("openssl", ["x509", "-inform", "DER", "-in", makerCertificate, "-out", pem]).succeeded)
        let chain = try ExternalTool.run("openssl", ["verify", "-CAfile", ca, "-vfyopt", "distid:1234567812345678", pem])
        #expect(chain.succeeded, "\(chain.stdout)\(chain.stderr)")

        let out = station.directory.path("after-renewal.crl")
        #expect(try station.run(["crl", "issue", "--out", out] + stationPass + station.admin).status == 0)
        let text = try openSSLText(out)
        #expect(text.contains("Serial Number: \(oldMakerSerial)"), "\(text)")
        #expect(text.components(separatedBy: "Key Compromise").count == 3, "\(text)")
        #expect(text.contains("Invalidity Date"), "\(text)")
        // A new seal is made by the new maker: issue one and export; the bundle verifies.
        try station.expectRun(["apply", "--unit", "北京某某科技发展有限公司", "--credit-code", "91110108MA00000070", "--template", "round-42",
                               "--reason", "换发"] + station.clerk)
        try station.expectRun(["approve", "4"] + station.approver)
        try station.expectRun(["issue", "4", "--holder-passphrase-file", station.directory.path("holder.pass")] + stationPass + station.clerk)
        let exported = try station.run(["export", "--out", station.directory.path("courier"), "--json"] + stationPass + station.clerk)
        #expect(exported.status == 0, "\(exported.stderr)")
        let export = try SealStationCLI.json(exported)
        #expect(export["crlNumber"] as? Int == 2)
        let verified = try SealStationCLI.run(["bundle", "verify", try #require(export["path"] as? String), "--anchor", ca, "--no-redraw"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(try station.run(["audit", "verify"] + station.auditor).status == 0)
    }
}
