import Foundation
import SealCrypto
import SealPKI
import SealTestSupport
import Testing

@Suite("sealstation ca and cert")
struct CertCommandTests {
    /// A CA in `ca/` and an SM2 key `k.p8` (+ `k.pub.der`), all under the passphrase in `pass`.
    func station() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("pass", text: "station passphrase")
        let ca = try SealStationCLI.run([
            "ca", "init", "--dir", directory.path("ca"), "--name", "测试站点根CA", "--org", "某市公安局",
            "--passphrase-file", directory.path("pass"),
        ])
        #expect(ca.status == 0, "\(ca.stderr)")
        let key = try SealStationCLI.run([
            "keygen", "--out", directory.path("k.p8"), "--passphrase-file", directory.path("pass"), "--iterations", "200000",
        ])
        #expect(key.status == 0, "\(key.stderr)")
        return directory
    }

    @Test("ca init, cert issue and cert verify; openssl agrees")
    func issueAndVerify() throws {
        let directory = try station()
        let issued = try SealStationCLI.run([
            "cert", "issue", "--ca", directory.path("ca"), "--role", "holder",
            "--subject", "/C=CN/O=北京某某科技发展有限公司/CN=合同专用章", "--pubkey", directory.path("k.pub.der"),
            "--days", "30", "--out", directory.path("holder.der"), "--passphrase-file", directory.path("pass"), "--json",
        ])
        #expect(issued.status == 0, "\(issued.stderr)")
        let summary = try SealStationCLI.json(issued)
        #expect(summary["subject"] as? String == "C=CN, O=北京某某科技发展有限公司, CN=合同专用章")
        #expect(summary["keyUsage"] as? [String] == ["digitalSignature", "nonRepudiation"])
        #expect((summary["serialNumber"] as? String)?.count == 40)

        let verified = try SealStationCLI.run(["cert", "verify", "--ca", directory.path("ca"), "--signing", directory.path("holder.der"), "--json"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(try SealStationCLI.json(verified)["valid"] as? Bool == true)

        try ExternalTool.run("openssl", ["x509", "-inform", "DER", "-in", directory.path("holder.der"), "-out", directory.path("holder.pem")])
        let openssl = try ExternalTool.run("openssl", [
            "verify", "-vfyopt", "distid:1234567812345678", "-CAfile", directory.path("ca/ca-cert.pem"), directory.path("holder.pem"),
        ])
        #expect(openssl.succeeded, "\(openssl.stdout)\(openssl.stderr)")
        let shown = try SealStationCLI.run(["cert", "show", directory.path("holder.der")])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("合同专用章"))
    }

    @Test("csr and cert issue refuse a key file asking for 2^31 (and more) PBKDF2 iterations at once, with their own message, writing nothing")
    func hostileIterations() throws {
        let directory = try station()
        let key = try directory.read("k.p8"), caKey = try directory.read("ca/\(StationCA.keyFileName)")
        for iterations in HostileInputs.iterationCounts {
            let expected = "the key file asks for \(iterations) PBKDF2 iterations; 1 to \(KeyEncryption.maximumIterations) are accepted"
            try directory.write("hostile.p8", try HostileDER.keyFile(key, iterations: UntrustedInteger(iterations)))
            let clock = ContinuousClock()
            let start = clock.now
            let csr = try SealStationCLI.run([
                "csr", "--key", directory.path("hostile.p8"), "--subject", "/CN=测试", "--out", directory.path("req.der"),
                "--passphrase-file", directory.path("pass"),
            ])
            #expect(clock.now - start < .seconds(3), "csr took \(clock.now - start)")
            #expect(csr.status == 1 && csr.stderr.contains(expected), "\(csr.status) \(csr.stderr)")
            #expect(!FileManager.default.fileExists(atPath: directory.path("req.der")))

            // The CA's own key file, made hostile: cert issue refuses it the same way.
            try FileManager.default.removeItem(atPath: directory.path("ca/\(StationCA.keyFileName)"))
            try directory.write("ca/\(StationCA.keyFileName)", try HostileDER.keyFile(caKey, iterations: UntrustedInteger(iterations)))
            let issued = try SealStationCLI.run([
                "cert", "issue", "--ca", directory.path("ca"), "--role", "holder", "--subject", "/CN=测试", "--pubkey", directory.path("k.pub.der"),
                "--out", directory.path("holder.der"), "--passphrase-file", directory.path("pass"),
            ])
            #expect(issued.status == 1 && issued.stderr.contains(expected), "\(issued.status) \(issued.stderr)")
            #expect(!FileManager.default.fileExists(atPath: directory.path("holder.der")))
            try FileManager.default.removeItem(atPath: directory.path("hostile.p8"))
            try FileManager.default.removeItem(atPath: directory.path("ca/\(StationCA.keyFileName)"))
            try directory.write("ca/\(StationCA.keyFileName)", caKey)
        }
    }

    @Test("verification against another CA fails with exit code 2 and names the problem")
    func wrongAnchor() throws {
        let directory = try station()
        try SealStationCLI.run([
            "cert", "issue", "--ca", directory.path("ca"), "--role", "maker", "--subject", "/CN=制章人",
            "--pubkey", directory.path("k.pub.der"), "--out", directory.path("maker.der"), "--passphrase-file", directory.path("pass"),
        ])
        try SealStationCLI.run(["ca", "init", "--dir", directory.path("other"), "--name", "其他CA", "--passphrase-file", directory.path("pass")])
        let result = try SealStationCLI.run(["cert", "verify", "--ca", directory.path("other"), directory.path("maker.der")])
        #expect(result.status == 2)
        #expect(result.stdout.contains("FAILED"))
        #expect(result.stdout.contains("no trusted certificate for its issuer"))
    }

    @Test("ca init refuses an existing CA and leaves it unchanged")
    func caRefusesOverwrite() throws {
        let directory = try station()
        let before = try directory.read("ca/ca-cert.der")
        let result = try SealStationCLI.run(["ca", "init", "--dir", directory.path("ca"), "--name", "again", "--passphrase-file", directory.path("pass")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("already exists"))
        #expect(try directory.read("ca/ca-cert.der") == before)
    }

    @Test("cert issue with a wrong CA passphrase fails and writes nothing")
    func issueWrongPassphrase() throws {
        let directory = try station()
        try directory.write("bad", text: "not the passphrase")
        let result = try SealStationCLI.run([
            "cert", "issue", "--ca", directory.path("ca"), "--role", "holder", "--subject", "/CN=x",
            "--pubkey", directory.path("k.pub.der"), "--out", directory.path("x.der"), "--passphrase-file", directory.path("bad"),
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("wrong passphrase"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("x.der")))
    }

    @Test("cert import checks the certificate against the key")
    func importChecksKey() throws {
        let directory = try station()
        // A CSR for k.p8, certified by the station CA as an "external" CA would.
        try SealStationCLI.run([
            "csr", "--key", directory.path("k.p8"), "--subject", "/C=CN/CN=制章人", "--out", directory.path("req.der"),
            "--passphrase-file", directory.path("pass"),
        ])
        let issued = try SealStationCLI.run([
            "cert", "issue", "--ca", directory.path("ca"), "--role", "maker", "--subject", "/C=CN/CN=制章人",
            "--csr", directory.path("req.der"), "--out", directory.path("returned.der"), "--passphrase-file", directory.path("pass"),
        ])
        #expect(issued.status == 0, "\(issued.stderr)")
        let imported = try SealStationCLI.run([
            "cert", "import", directory.path("returned.der"), "--key", directory.path("k.p8"), "--ca", directory.path("ca"),
            "--passphrase-file", directory.path("pass"), "--json",
        ])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.path("k.cert.der")))
        // Another key: refused, nothing written.
        try SealStationCLI.run([
            "keygen", "--out", directory.path("other.p8"), "--passphrase-file", directory.path("pass"), "--iterations", "200000",
        ])
        let mismatch = try SealStationCLI.run([
            "cert", "import", directory.path("returned.der"), "--key", directory.path("other.p8"),
            "--passphrase-file", directory.path("pass"),
        ])
        #expect(mismatch.status == 1)
        #expect(mismatch.stderr.contains("not for this private key"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("other.cert.der")))
    }

    @Test("every command's help has an example", arguments: [
        ["demo"], ["keygen"], ["ca", "init"], ["cert", "issue"], ["cert", "import"], ["cert", "verify"], ["cert", "show"], ["csr"],
        ["seal", "make"], ["seal", "show"], ["seal", "verify"], ["sign"], ["verify"], ["signature", "show"], ["render"],
        ["init"], ["officer", "add"], ["officer", "passwd"], ["officer", "disable"], ["officer", "enable"], ["officer", "unlock"], ["officer", "list"], ["apply"], ["approve"], ["reject"], ["issue"],
        ["change"], ["revoke"], ["use", "request"], ["use", "approve"], ["use", "list"], ["use", "sign"], ["use", "log"], ["list"], ["show"], ["query"],
        ["audit", "show"], ["audit", "verify"], ["audit", "checkpoint"], ["backup"], ["restore"], ["serve"],
        ["token", "list"], ["token", "show"], ["token", "objects"], ["export"], ["bundle"], ["bundle", "verify"],
        ["bundle", "frames"], ["manifest"], ["manifest", "check"],
        ["templates"], ["templates", "show"], ["templates", "pin"],
        ["crl", "issue"], ["crl", "list"], ["crl", "show"], ["maker", "renew"], ["ofd", "from-text"],
    ])
    func helpHasExample(command: [String]) throws {
        let result = try SealStationCLI.run(command + ["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Example"), "\(command)")
    }

    @Test("a usage error exits 64")
    func usageError() throws {
        let result = try SealStationCLI.run(["cert", "issue", "--ca", "x", "--role", "holder", "--subject", "/CN=x", "--out", "y"])
        #expect(result.status == 64)
    }
}
