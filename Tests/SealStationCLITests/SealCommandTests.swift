import Foundation
import SealCrypto
import SealTestSupport
import Testing

@Suite("sealstation seal, sign, verify and signature")
struct SealCommandTests {
    /// A station built with the standalone commands: CA, maker, SM2 and P-256 holders (keys under one passphrase),
    /// a rendered seal picture and a seal for the SM2 holder, laid out as station/{ca,keys,certs,seals}.
    func demoStation() throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory()
        let station = directory.path("station")
        try FileManager.default.createDirectory(atPath: "\(station)/keys", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "\(station)/certs", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "\(station)/seals", withIntermediateDirectories: true)
        let pass = "\(station)/demo-passphrase.txt"
        try directory.write("station/demo-passphrase.txt", text: "demo station passphrase\n")
        func run(_ arguments: [String]) throws {
            let result = try SealStationCLI.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        try run(["ca", "init", "--dir", "\(station)/ca", "--name", "测试根CA", "--passphrase-file", pass])
        for (name, alg, role, subject) in [
            ("maker", "sm2", "maker", "/C=CN/O=某市公安局/CN=制章人"),
            ("holder-sm2", "sm2", "holder", "/C=CN/O=北京某某科技发展有限公司/CN=合同专用章"),
            ("holder-p256", "p256", "holder", "/C=CN/O=北京某某科技发展有限公司/CN=财务专用章"),
        ] {
            try run(["keygen", "--alg", alg, "--out", "\(station)/keys/\(name).p8", "--passphrase-file", pass, "--iterations", "200000"])
            try run(["cert", "issue", "--ca", "\(station)/ca", "--role", role, "--subject", subject, "--pubkey", "\(station)/keys/\(name).pub.der",
                     "--out", "\(station)/certs/\(name).cert.der", "--passphrase-file", pass])
            try ExternalTool.run("openssl", ["x509", "-inform", "DER", "-in", "\(station)/certs/\(name).cert.der", "-out", "\(station)/certs/\(name).cert.pem"])
        }
        try run(["render", "--template", "special-40", "--name", "北京某某科技发展有限公司", "--use-name", "合同专用章", "--out", "\(station)/seals/contract-seal"])
        try run(["seal", "make", "--image", "\(station)/seals/contract-seal.png", "--width-mm", "40", "--height-mm", "40",
                 "--name", "北京某某科技发展有限公司合同专用章", "--type", "unit", "--holder-cert", "\(station)/certs/holder-sm2.cert.der",
                 "--valid-from", "2026-01-01", "--valid-to", "2036-12-31", "--maker-key", "\(station)/keys/maker.p8",
                 "--maker-cert", "\(station)/certs/maker.cert.der", "--out", "\(station)/seals/contract.sel", "--passphrase-file", pass])
        return (directory, station)
    }

    @Test("seal make → seal verify → sign → verify, with the station CA; tampering and the wrong document fail with exit 2")
    func fullFlow() throws {
        let (directory, station) = try demoStation()
        let pass = "\(station)/demo-passphrase.txt"
        try directory.write("seal.svg", try directory.read("station/seals/contract-seal.svg"))  // rendered by the demo
        let made = try SealStationCLI.run([
            "seal", "make", "--image", directory.path("seal.svg"), "--name", "北京某某科技发展有限公司财务专用章", "--type", "unit",
            "--holder-cert", "\(station)/certs/holder-sm2.cert.der", "--holder-cert", "\(station)/certs/holder-p256.cert.pem",
            "--valid-from", "2026-01-01", "--valid-to", "2036-12-31", "--maker-key", "\(station)/keys/maker.p8",
            "--maker-cert", "\(station)/certs/maker.cert.der", "--esid", "11010800000002", "--out", directory.path("x.sel"),
            "--passphrase-file", pass, "--json",
        ])
        #expect(made.status == 0, "\(made.stderr)")
        let summary = try SealStationCLI.json(made)
        #expect(summary["esID"] as? String == "11010800000002")
        #expect((summary["holders"] as? [String])?.count == 2)
        #expect(summary["pictureType"] as? String == "SVG")

        let verified = try SealStationCLI.run(["seal", "verify", directory.path("x.sel"), "--ca", "\(station)/ca", "--json"])
        #expect(verified.status == 0, "\(verified.stdout)")
        let report = try SealStationCLI.json(verified)
        #expect((report["checks"] as? [[String: Any]])?.allSatisfy { $0["status"] as? String == "passed" } == true)

        try directory.write("doc.txt", text: "付款通知：人民币壹万元整。\n")
        let signed = try SealStationCLI.run([
            "sign", "--seal", directory.path("x.sel"), "--key", "\(station)/keys/holder-p256.p8", directory.path("doc.txt"),
            "--out", directory.path("doc.txt.ses"), "--passphrase-file", pass,
        ])
        #expect(signed.status == 0, "\(signed.stderr)")
        // The same holder key file asking for 2^31 (and more) PBKDF2 iterations: refused at once, naming the count.
        let holderKey = try directory.read("station/keys/holder-p256.p8")
        for iterations in HostileInputs.iterationCounts {
            try directory.write("hostile.p8", try HostileDER.keyFile(holderKey, iterations: UntrustedInteger(iterations)))
            let clock = ContinuousClock()
            let start = clock.now
            let hostile = try SealStationCLI.run([
                "sign", "--seal", directory.path("x.sel"), "--key", directory.path("hostile.p8"), directory.path("doc.txt"),
                "--out", directory.path("hostile.ses"), "--passphrase-file", pass,
            ])
            #expect(clock.now - start < .seconds(3), "sign took \(clock.now - start)")
            #expect(hostile.status == 1 && hostile.stderr.contains("the key file asks for \(iterations) PBKDF2 iterations"), "\(hostile.stderr)")
            #expect(!FileManager.default.fileExists(atPath: directory.path("hostile.ses")))
        }
        let good = try SealStationCLI.run([
            "verify", "--signature", directory.path("doc.txt.ses"), directory.path("doc.txt"), "--ca", "\(station)/ca",
        ])
        #expect(good.status == 0, "\(good.stdout)")
        #expect(good.stdout.hasPrefix("OK:"))

        try directory.write("other.txt", text: "付款通知：人民币壹拾万元整。\n")
        let wrongDocument = try SealStationCLI.run([
            "verify", "--signature", directory.path("doc.txt.ses"), directory.path("other.txt"), "--ca", "\(station)/ca", "--json",
        ])
        #expect(wrongDocument.status == 2)
        // The one document report: format detached, one signature, its SES checks inside.
        let wrongReport = try SealStationCLI.json(wrongDocument)
        #expect(wrongReport["format"] as? String == "detached" && wrongReport["isValid"] as? Bool == false)
        let ses = ((wrongReport["signatures"] as? [[String: Any]])?.first?["ses"] as? [String: Any]) ?? [:]
        let failures = (ses["checks"] as? [[String: Any]] ?? []).filter { $0["status"] as? String == "failed" }
        #expect(failures.map { $0["id"] as? String } == ["data-hash"])

        var tampered = try directory.read("x.sel")
        tampered[tampered.count - 10] ^= 0x01
        try directory.write("tampered.sel", tampered)
        let bad = try SealStationCLI.run(["seal", "verify", directory.path("tampered.sel"), "--ca", "\(station)/ca"])
        #expect(bad.status == 2)
        #expect(bad.stdout.contains("FAILED"))

        let shown = try SealStationCLI.run(["signature", "show", directory.path("doc.txt.ses"), "--ca", "\(station)/ca", "--json"])
        #expect(shown.status == 0, "\(shown.stdout)")
        let extracted = try SealStationCLI.run(["seal", "show", directory.path("x.sel"), "--extract-image", directory.path("out.svg")])
        #expect(extracted.status == 0)
        #expect(try directory.read("out.svg") == directory.read("seal.svg"))
    }

    @Test("a holder key that is not in the seal cannot sign; a wrong maker passphrase writes nothing")
    func refusals() throws {
        let (directory, station) = try demoStation()
        let pass = "\(station)/demo-passphrase.txt"
        try directory.write("doc.txt", text: "x")
        let notHolder = try SealStationCLI.run([
            "sign", "--seal", "\(station)/seals/contract.sel", "--key", "\(station)/keys/holder-p256.p8", directory.path("doc.txt"),
            "--out", directory.path("doc.ses"), "--passphrase-file", pass,
        ])
        #expect(notHolder.status == 1)
        #expect(notHolder.stderr.contains("holder"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("doc.ses")))
        try directory.write("bad-pass", text: "not the passphrase")
        let wrongPass = try SealStationCLI.run([
            "seal", "make", "--image", "\(station)/seals/contract-seal.png", "--name", "x", "--type", "personal",
            "--holder-cert", "\(station)/certs/holder-sm2.cert.der", "--valid-from", "2026-01-01", "--valid-to", "2027-01-01",
            "--maker-key", "\(station)/keys/maker.p8", "--maker-cert", "\(station)/certs/maker.cert.der",
            "--out", directory.path("y.sel"), "--passphrase-file", directory.path("bad-pass"),
        ])
        #expect(wrongPass.status == 1)
        #expect(wrongPass.stderr.contains("wrong passphrase"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("y.sel")))
    }

    @Test("fixtures from other systems: UserV4 and UserV1 verify with --no-trust-check --at; Gede's seal fails with exit 2")
    func fixtures() throws {
        let v4 = try SealStationCLI.run(["seal", "verify", try SharedFixtures.sesPath("UserV4.esl"), "--no-trust-check", "--at", "2021-01-01T00:00:00Z"])
        #expect(v4.status == 0, "\(v4.stdout)")
        let v1 = try SealStationCLI.run(["seal", "verify", try SharedFixtures.sesPath("UserV1.esl"), "--no-trust-check", "--at", "2021-01-01T00:00:00Z"])
        #expect(v1.status == 0, "\(v1.stdout)")
        let gede = try SealStationCLI.run(["seal", "verify", try SharedFixtures.sesPath("SESealData.DER"), "--no-trust-check", "--at", "2020-11-01"])
        #expect(gede.status == 2)
        #expect(gede.stdout.contains("the maker's signature does not verify"))
        let raw = try SealStationCLI.run(["signature", "show", try SharedFixtures.sesPath("keyword.ofd__Sign_1__SignedValue.dat")])
        #expect(raw.status == 0, "\(raw.stdout)")
        #expect(raw.stdout.contains("deviation: signer signature value: raw 64-byte r‖s"))
    }

    @Test("trust must be stated; malformed and oversized files are clear errors")
    func inputErrors() throws {
        let directory = try TemporaryDirectory()
        let noTrust = try SealStationCLI.run(["seal", "verify", try SharedFixtures.sesPath("UserV4.esl")])
        #expect(noTrust.status == 64)
        #expect(noTrust.stderr.contains("--no-trust-check"))
        try directory.write("garbage.sel", text: "这不是印章")
        let garbage = try SealStationCLI.run(["seal", "verify", directory.path("garbage.sel"), "--no-trust-check"])
        #expect(garbage.status == 1)
        #expect(garbage.stderr.contains("garbage.sel is not a seal file"))
        try directory.write("big.sel", [UInt8](repeating: 0x30, count: (10 << 20) + 1))
        let big = try SealStationCLI.run(["seal", "show", directory.path("big.sel")])
        #expect(big.status == 1)
        #expect(big.stderr.contains("over the 10485760-byte limit"))
    }
}
