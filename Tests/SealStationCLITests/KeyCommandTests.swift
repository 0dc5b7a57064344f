import Foundation
import SealTestSupport
import Testing

@Suite("sealstation keygen and key-file errors")
struct KeyCommandTests {
    @Test("keygen writes a 0600 encrypted key that the openssl CLI opens", arguments: ["sm2", "p256"])
    func keygen(algorithm: String) throws {
        let directory = try TemporaryDirectory()
        try directory.write("pass", text: "a long enough passphrase\n")
        let result = try SealStationCLI.run([
            "keygen", "--alg", algorithm, "--out", directory.path("k.p8"), "--passphrase-file", directory.path("pass"),
            "--iterations", "200000", "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try SealStationCLI.json(result)
        #expect(report["publicKeyFile"] as? String == directory.path("k.pub.der"))
        let protection = try #require(report["protection"] as? [String: Any])
        #expect(protection["iterations"] as? Int == 200_000)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.path("k.p8"))
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        let opened = try ExternalTool.run("openssl", [
            "pkcs8", "-inform", "DER", "-in", directory.path("k.p8"), "-passin", "file:" + directory.path("pass"),
            "-out", directory.path("plain.pem"),
        ])
        #expect(opened.succeeded, "\(opened.stderr)")
        try ExternalTool.run("openssl", ["pkey", "-in", directory.path("plain.pem"), "-pubout", "-outform", "DER", "-out", directory.path("pub.der")])
        #expect(try directory.read("pub.der") == directory.read("k.pub.der"))
        // Never overwritten.
        let again = try SealStationCLI.run([
            "keygen", "--alg", algorithm, "--out", directory.path("k.p8"), "--passphrase-file", directory.path("pass"),
        ])
        #expect(again.status == 1)
        #expect(again.stderr.contains("exists already"))
    }

    /// A key file with the passphrase "right passphrase", plus the pieces the error tests need.
    func keyFixture() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("right", text: "right passphrase")
        try directory.write("wrong", text: "wrong passphrase")
        let made = try SealStationCLI.run([
            "keygen", "--out", directory.path("k.p8"), "--passphrase-file", directory.path("right"), "--iterations", "200000",
        ])
        #expect(made.status == 0, "\(made.stderr)")
        return directory
    }

    func csr(_ directory: TemporaryDirectory, key: String, passphrase: String) throws -> ExternalTool.Result {
        try SealStationCLI.run([
            "csr", "--key", directory.path(key), "--subject", "/C=CN/CN=制章人", "--out", directory.path("req.der"),
            "--passphrase-file", directory.path(passphrase),
        ])
    }

    @Test("a wrong passphrase is a clear error, exit 1, and writes nothing")
    func wrongPassphrase() throws {
        let directory = try keyFixture()
        let result = try csr(directory, key: "k.p8", passphrase: "wrong")
        #expect(result.status == 1)
        #expect(result.stderr.contains("wrong passphrase"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("req.der")))
        let right = try csr(directory, key: "k.p8", passphrase: "right")
        #expect(right.status == 0, "\(right.stderr)")
        let verified = try ExternalTool.run("openssl", [
            "req", "-inform", "DER", "-in", directory.path("req.der"), "-verify", "-noout", "-vfyopt", "distid:1234567812345678",
        ])
        #expect(verified.succeeded, "\(verified.stderr)")
    }

    @Test("a truncated key file is a clear error and exit 1")
    func truncatedKey() throws {
        let directory = try keyFixture()
        let bytes = try directory.read("k.p8")
        try directory.write("cut.p8", Array(bytes.prefix(100)))
        let result = try csr(directory, key: "cut.p8", passphrase: "right")
        #expect(result.status == 1)
        #expect(result.stderr.contains("truncated"))
        #expect(result.stderr.contains("declares \(bytes.count) bytes but only 100"))
    }

    @Test("a file that is not a key is a clear error and exit 1")
    func notAKey() throws {
        let directory = try keyFixture()
        try directory.write("notes.txt", text: "合同专用章 — this is not a key\n")
        let text = try csr(directory, key: "notes.txt", passphrase: "right")
        #expect(text.status == 1)
        #expect(text.stderr.contains("not an encrypted private key"))
        #expect(text.stderr.contains("looks like a text file"))
        let publicKey = try csr(directory, key: "k.pub.der", passphrase: "right")
        #expect(publicKey.status == 1)
        #expect(publicKey.stderr.contains("not an encrypted private key"))
        let missing = try csr(directory, key: "absent.p8", passphrase: "right")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("No such file"))
    }

    @Test("without a terminal and without --passphrase-file, the command says so")
    func noPassphraseSource() throws {
        let directory = try TemporaryDirectory()
        let result = try SealStationCLI.run(["keygen", "--out", directory.path("k.p8")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("--passphrase-file"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("k.p8")))
    }

    @Test("a new passphrase shorter than 8 characters is refused")
    func shortPassphrase() throws {
        let directory = try TemporaryDirectory()
        try directory.write("pass", text: "short")
        let result = try SealStationCLI.run(["keygen", "--out", directory.path("k.p8"), "--passphrase-file", directory.path("pass")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("at least 8"))
    }

    @Test("keygen writes the key and its public key together: a public key name taken by a directory leaves no key file")
    func keygenAllOrNothing() throws {
        let directory = try TemporaryDirectory()
        try directory.write("pass", text: "a long enough passphrase\n")
        try FileManager.default.createDirectory(atPath: directory.path("k.pub.der"), withIntermediateDirectories: true)
        let taken = try SealStationCLI.run(["keygen", "--out", directory.path("k.p8"), "--passphrase-file", directory.path("pass")])
        #expect(taken.status == 1, "\(taken.stdout)")
        #expect(taken.stderr.contains("k.pub.der exists already"), "\(taken.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path(".")).sorted() == ["k.pub.der", "pass"])
        _ = try directory.write("plain", text: "not a directory")
        let under = try SealStationCLI.run(["keygen", "--out", directory.path("k2.p8"), "--pub-out", directory.path("plain/k2.pub.der"),
                                            "--passphrase-file", directory.path("pass")])
        #expect(under.status == 1 && under.stderr.contains("not a directory"), "\(under.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("k2.p8")))
    }

    @Test("csr refuses a key that does not belong to the public key written beside it, naming both files")
    func csrChecksPublicKeyFile() throws {
        let directory = try keyFixture()
        let other = try SealStationCLI.run(["keygen", "--out", directory.path("other.p8"), "--passphrase-file", directory.path("right")])
        #expect(other.status == 0, "\(other.stderr)")
        // k.p8 beside another key's public key.
        try FileManager.default.removeItem(atPath: directory.path("k.pub.der"))
        try FileManager.default.copyItem(atPath: directory.path("other.pub.der"), toPath: directory.path("k.pub.der"))
        let result = try csr(directory, key: "k.p8", passphrase: "right")
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stderr.contains("the key file \(directory.path("k.p8")) does not belong to public key file \(directory.path("k.pub.der"))"),
                "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("req.der")))
        #expect(try csr(directory, key: "other.p8", passphrase: "right").status == 0)
    }
}

@Suite("Passphrase prompt on a terminal")
struct PassphrasePromptTests {
    @Test("keygen asks twice on the terminal without echoing, and the key opens with that passphrase")
    func noEchoPrompt() throws {
        let directory = try TemporaryDirectory()
        let passphrase = "typed-on-the-tty-42"
        // script(1) gives the command a real pseudo-terminal; the answers arrive after the prompts are up.
        let command = "\(SealStationCLI.binary.path) keygen --out \(directory.path("k.p8")) --iterations 200000"
        let result = try ExternalTool.run("bash", [
            "-c", "(sleep 2; printf '%s\\n' \"$1\"; sleep 1; printf '%s\\n' \"$1\"; sleep 1) | script -qec \"$2\" /dev/null",
            "prompt-test", passphrase, command,
        ])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("New passphrase for"))
        #expect(result.stdout.contains("Repeat the passphrase"))
        #expect(!result.stdout.contains(passphrase), "the passphrase was echoed")
        try directory.write("pass", text: passphrase)
        let opened = try ExternalTool.run("openssl", [
            "pkcs8", "-inform", "DER", "-in", directory.path("k.p8"), "-passin", "file:" + directory.path("pass"),
            "-out", directory.path("plain.pem"),
        ])
        #expect(opened.succeeded, "\(opened.stderr)")
    }
}
