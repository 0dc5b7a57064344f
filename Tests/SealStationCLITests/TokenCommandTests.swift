import Foundation
import SealTestSupport
import Testing

/// `issue --to token:…`, `issue --to file:…` and `token list|show|objects` against a real SoftHSM2 token.
/// The CLI runs as a child process with SOFTHSM2_CONF pointing at the test's token directory.
@Suite("sealstation key custody commands", .serialized)
struct TokenCommandTests {
    /// A station with approved applications 1 and 2, and a SoftHSM2 token; `run` passes the token environment, and
    /// --db to the station commands.
    func stationWithApplication() throws -> (TemporaryDirectory, SoftHSMToken, ([String]) throws -> ExternalTool.Result) {
        let directory = try TemporaryDirectory()
        let token = try SoftHSMToken(label: "seal-holder", forThisProcess: false)
        for name in ["admin", "station", "approver", "clerk", "holder"] {
            try directory.write("\(name).pass", text: "\(name) passphrase 2026\n")
        }
        try directory.write("token.pin", text: SoftHSMToken.userPIN + "\n")
        try directory.write("wrong.pin", text: "999999\n")
        let db = directory.path("station/registry.sqlite")
        let run: ([String]) throws -> ExternalTool.Result = { arguments in
            let station = !["token", "seal", "verify"].contains(arguments.first ?? "")
            return try ExternalTool.run(
                "setsid", ["-w", SealStationCLI.binary.path] + arguments + (station ? ["--db", db] : []), environment: token.environment)
        }
        let admin = ["--passphrase-file", directory.path("admin.pass")]
        #expect(try run(["init", "--name", "测试站", "--org", "某市公安局", "--admin", "张管理", "--station-passphrase-file",
                         directory.path("station.pass")] + admin).status == 0)
        #expect(try run(["officer", "add", "--officer", "张管理", "--name", "李审批", "--role", "approver",
                         "--new-passphrase-file", directory.path("approver.pass")] + admin).status == 0)
        #expect(try run(["officer", "add", "--officer", "张管理", "--name", "王经办", "--role", "operator",
                         "--new-passphrase-file", directory.path("clerk.pass")] + admin).status == 0)
        for _ in 0..<2 {
            #expect(try run(["apply", "--unit", "北京某某科技发展有限公司", "--credit-code", "91110108MA00000070", "--template", "round-42",
                             "--reason", "新设立", "--officer", "王经办", "--passphrase-file", directory.path("clerk.pass")]).status == 0)
        }
        #expect(try run(["approve", "1", "--officer", "李审批", "--passphrase-file", directory.path("approver.pass")]).status == 0)
        #expect(try run(["approve", "2", "--officer", "李审批", "--passphrase-file", directory.path("approver.pass")]).status == 0)
        return (directory, token, run)
    }

    @Test("issue --to token: key, certificate and seal on the token under the esID; a wrong PIN changes nothing")
    func issueToToken() throws {
        let (directory, token, run) = try stationWithApplication()
        let clerk = ["--officer", "王经办", "--passphrase-file", directory.path("clerk.pass"),
                     "--station-passphrase-file", directory.path("station.pass"), "--module", SoftHSMToken.modulePath]

        let reader = ["--officer", "王经办", "--passphrase-file", directory.path("clerk.pass")]
        let before = try run(["list", "--json"] + reader).stdout
        let refused = try run(["issue", "1", "--to", "token:seal-holder", "--pin-file", directory.path("wrong.pin")] + clerk)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("CKR_PIN_INCORRECT"), "\(refused.stderr)")
        #expect(try run(["list", "--json"] + reader).stdout == before)
        #expect(try token.pkcs11Tool(["--list-objects"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)

        let issued = try run(["issue", "1", "--to", "token:seal-holder", "--pin-file", directory.path("token.pin"), "--json"] + clerk)
        #expect(issued.status == 0, "\(issued.stderr)")
        let seal = try SealStationCLI.json(issued)
        let esID = try #require(seal["esID"] as? String)
        #expect((seal["custody"] as? String)?.hasPrefix("token:seal-holder serial:") == true)
        let hexID = esID.utf8.map { String(format: "%02x", $0) }.joined()

        let listing = try token.pkcs11Tool(["--list-objects"])
        #expect(listing.succeeded, "\(listing.stderr)")
        let idLines = listing.stdout.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("ID:") }
        #expect(idLines.count == 3 && idLines.allSatisfy { $0.hasSuffix(hexID) }, "\(listing.stdout)")
        #expect(listing.stdout.contains("Certificate Object") && listing.stdout.contains("Data object"))
        #expect(listing.stdout.contains("SES_Seal \(hexID)"))

        // The station kept only public files; the holder README says where the key is.
        let files = directory.path("station/issued/\(esID)")
        #expect(!FileManager.default.fileExists(atPath: files + "/holder-key.p8"))
        #expect(try String(contentsOfFile: files + "/README.txt", encoding: .utf8).contains("token 'seal-holder'"))
        // The seal written to the token is the registry's seal, and it verifies with the station CA.
        let objects = try run(["token", "objects", "seal-holder", "--pin-file", directory.path("token.pin"), "--module",
                               SoftHSMToken.modulePath, "--json"])
        #expect(objects.status == 0, "\(objects.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: objects.standardOutput) as? [[String: Any]])
        #expect(list.count == 4, "\(objects.stdout)")
        #expect(list.contains { $0["objectClass"] as? String == "private-key" && $0["extractable"] as? Bool == false })
        let verified = try run(["seal", "verify", files + "/seal.sel", "--ca", directory.path("station/ca")])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")

        // A use of the seal signs on the token (found by its serial); the GB/T 38540 signature verifies.
        try directory.write("contract.txt", text: "某合同 第 1 页")
        let clerkOnly = ["--officer", "王经办", "--passphrase-file", directory.path("clerk.pass")]
        #expect(try run(["use", "request", "--seal", "1", "--reason", "签合同", "--count", "1"] + clerkOnly).status == 0)
        #expect(try run(["use", "approve", "1", "--officer", "李审批", "--passphrase-file", directory.path("approver.pass")]).status == 0)
        let signed = try run(["use", "sign", "--seal", "1", directory.path("contract.txt"), "--out", directory.path("contract.ses"),
                              "--module", SoftHSMToken.modulePath, "--pin-file", directory.path("token.pin")] + clerkOnly)
        #expect(signed.status == 0, "\(signed.stderr)")
        let checked = try run(["verify", "--signature", directory.path("contract.ses"), directory.path("contract.txt"),
                               "--ca", directory.path("station/ca"), "--json"])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(try run(["use", "log", "--json"] + reader).stdout.contains("签合同"))
        // 签章 on an OFD with the token's key: the same signer seam stamps the document.
        let made = try SealStationCLI.run(["ofd", "from-text", directory.path("contract.txt"), "--out", directory.path("contract.ofd")])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try run(["use", "request", "--seal", "1", "--reason", "合同盖章", "--count", "1"] + clerkOnly).status == 0)
        #expect(try run(["use", "approve", "2", "--officer", "李审批", "--passphrase-file", directory.path("approver.pass")]).status == 0)
        let stamped = try run(["use", "sign", "--seal", "1", directory.path("contract.ofd"), "--out", directory.path("contract-stamped.ofd"),
                               "--page", "1", "--at", "150,250", "--module", SoftHSMToken.modulePath, "--pin-file", directory.path("token.pin")] + clerkOnly)
        #expect(stamped.status == 0, "\(stamped.stderr)")
        let stampChecked = try run(["verify", directory.path("contract-stamped.ofd"), "--ca", directory.path("station/ca")])
        #expect(stampChecked.status == 0 && stampChecked.stdout.contains("ecdsaWithSHA256"), "\(stampChecked.stdout)\(stampChecked.stderr)")

        let shown = try run(["token", "show", "label:seal-holder", "--module", SoftHSMToken.modulePath, "--json"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(try SealStationCLI.json(shown)["vendorProfile"] as? String == "softhsm2")
        let tokens = try run(["token", "list", "--module", SoftHSMToken.modulePath])
        #expect(tokens.stdout.contains("seal-holder") && tokens.stdout.contains("SoftHSM"))
    }

    @Test("签章 on a PDF with a P-256 token seal: PAdES (ETSI.CAdES.detached); pyHanko VALID, pdfsig Signature is Valid, mutool unchanged, qpdf --check; our verifier checks the CMS and the seal")
    func stampPDFOnToken() throws {
        let (directory, _, run) = try stationWithApplication()
        let clerk = ["--officer", "王经办", "--passphrase-file", directory.path("clerk.pass")]
        let issued = try run(["issue", "1", "--to", "token:seal-holder", "--pin-file", directory.path("token.pin"), "--station-passphrase-file",
                              directory.path("station.pass"), "--module", SoftHSMToken.modulePath, "--json"] + clerk)
        #expect(issued.status == 0, "\(issued.stderr)")
        let esID = try #require(try SealStationCLI.json(issued)["esID"] as? String)
        #expect(try run(["use", "request", "--seal", "1", "--reason", "合同盖章", "--count", "2"] + clerk).status == 0)
        #expect(try run(["use", "approve", "1", "--officer", "李审批", "--passphrase-file", directory.path("approver.pass")]).status == 0)
        let original = directory.path("contract.pdf"), first = directory.path("contract-1.pdf"), stamped = directory.path("contract-2.pdf")
        try PDFDocuments.a4(original, pages: 2)
        for (input, output, at) in [(original, first, "150,240"), (first, stamped, "60,240")] {
            let result = try run(["use", "sign", "--seal", "1", input, "--out", output, "--page", "1", "--at", at, "--module", SoftHSMToken.modulePath,
                                  "--pin-file", directory.path("token.pin")] + clerk)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let ours = try run(["verify", stamped, "--ca", directory.path("station/ca")])
        #expect(ours.status == 0 && ours.stdout.contains("ETSI.CAdES.detached") && ours.stdout.contains("signingCertificateV2"), "\(ours.stdout)\(ours.stderr)")

        // The holder certificate is issued by the station's SM2 root, which tools without SM2 cannot check: they are
        // given the holder certificate itself as the certificate to trust.
        let holder = directory.path("holder.pem")
        #expect(try ExternalTool.run("openssl", ["x509", "-inform", "DER", "-in", directory.path("station/issued/\(esID)/holder-cert.der"), "-out", holder]).succeeded)
        let pyhanko = URL(fileURLWithPath: PythonTools.python).deletingLastPathComponent().appendingPathComponent("pyhanko").path
        let validated = try ExternalTool.run(pyhanko, [
            "sign", "validate", "--executive-summary", "--trust", holder, "--trust-replace", "--no-revocation-check", stamped,
        ])
        let verdicts = validated.stdout.split(separator: "\n").filter { $0.contains(":") }
        #expect(validated.succeeded && verdicts.count == 2 && verdicts.allSatisfy { $0.hasSuffix("VALID") && !$0.hasSuffix("INVALID") },
                "\(validated.stdout)\(validated.stderr)")
        let nss = directory.path("nssdb")
        try FileManager.default.createDirectory(atPath: nss, withIntermediateDirectories: true)
        #expect(try ExternalTool.run("certutil", ["-N", "-d", "sql:" + nss, "--empty-password"]).succeeded)
        #expect(try ExternalTool.run("certutil", ["-A", "-d", "sql:" + nss, "-n", "holder", "-t", "P,P,P", "-i", holder]).succeeded)
        let pdfsig = try ExternalTool.run("pdfsig", ["-nssdir", "sql:" + nss, stamped])
        #expect(pdfsig.stdout.components(separatedBy: "Signature is Valid.").count == 3 && pdfsig.stdout.contains("ETSI.CAdES.detached"), "\(pdfsig.stdout)")
        let mutool = try ExternalTool.run("mutool", ["sign", "-v", stamped])
        #expect((mutool.stdout + mutool.stderr).contains("unchanged since signing"), "\(mutool.stdout)\(mutool.stderr)")
        #expect(try ExternalTool.run("qpdf", ["--check", stamped]).succeeded)
    }

    @Test("issue --to file:DIR writes the holder's directory there too; openssl opens the key with the passphrase")
    func issueToDirectory() throws {
        let (directory, _, run) = try stationWithApplication()
        let target = directory.path("usb")
        let issued = try run(["issue", "2", "--to", "file:" + target, "--holder-passphrase-file", directory.path("holder.pass"),
                              "--officer", "王经办", "--passphrase-file", directory.path("clerk.pass"),
                              "--station-passphrase-file", directory.path("station.pass"), "--json"])
        #expect(issued.status == 0, "\(issued.stderr)")
        let esID = try #require(try SealStationCLI.json(issued)["esID"] as? String)
        let key = target + "/\(esID)/holder-key.p8"
        let mode = try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        for name in ["chain.pem", "holder-cert.der", "seal.sel", "seal.png", "README.txt"] {
            #expect(FileManager.default.fileExists(atPath: target + "/\(esID)/" + name), "\(name) missing")
        }
        let opened = try ExternalTool.run(
            "openssl", ["pkcs8", "-inform", "DER", "-in", key, "-passin", "file:" + directory.path("holder.pass"), "-nocrypt", "-topk8", "-outform", "DER", "-out", "/dev/null"])
        #expect(opened.succeeded, "\(opened.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: target) == [esID])
    }

    @Test("init --maker-to token: on SoftHSM2 (no SM2) is refused, exit 1, and no station is created")
    func makerToTokenWithoutSM2() throws {
        let directory = try TemporaryDirectory()
        let token = try SoftHSMToken(label: "maker-token", forThisProcess: false)
        try directory.write("admin.pass", text: "admin passphrase 2026\n")
        try directory.write("station.pass", text: "station passphrase 2026\n")
        try directory.write("token.pin", text: SoftHSMToken.userPIN + "\n")
        let result = try ExternalTool.run(
            "setsid",
            ["-w", SealStationCLI.binary.path, "init", "--db", directory.path("station/registry.sqlite"), "--name", "测试站",
             "--org", "某市公安局", "--admin", "张管理", "--passphrase-file", directory.path("admin.pass"),
             "--station-passphrase-file", directory.path("station.pass"), "--maker-to", "token:maker-token",
             "--module", SoftHSMToken.modulePath, "--pin-file", directory.path("token.pin")],
            environment: token.environment)
        #expect(result.status == 1)
        #expect(result.stderr.contains("must be SM2"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("station")))
    }
}
