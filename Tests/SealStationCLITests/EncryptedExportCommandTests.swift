import Foundation
import SealTestSupport
import Testing

@Suite("sealstation export --to-recipient; sealfiling verify|import --decrypt-key")
struct EncryptedExportCommandTests {
    /// An SM2 encryption certificate and its encrypted PKCS#8 key, made with the openssl CLI as an authority would.
    func makeAuthority(_ directory: TemporaryDirectory, _ name: String) throws -> (key: String, certificate: String, passphrase: String) {
        let plain = directory.path("\(name)-plain.pem"), key = directory.path("\(name).p8"), certificate = directory.path("\(name).pem")
        let passphrase = try directory.write("\(name).pass", text: "\(name) key passphrase\n")
        #expect(try ExternalTool.run("openssl", ["genpkey", "-algorithm", "SM2", "-out", plain]).succeeded)
        let made = try ExternalTool.run("openssl", [
            "req", "-new", "-x509", "-key", plain, "-sm3", "-sigopt", "distid:1234567812345678", "-days", "30",
            "-subj", "/C=CN/O=\(name)/CN=filing encryption", "-addext", "keyUsage=critical,keyEncipherment", "-out", certificate,
        ])
        #expect(made.succeeded, "\(made.stderr)")
        let encrypted = try ExternalTool.run("openssl", [
            "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-iter", "200000", "-in", plain, "-outform", "DER", "-out", key, "-passout", "file:\(passphrase)",
        ])
        #expect(encrypted.succeeded, "\(encrypted.stderr)")
        try FileManager.default.removeItem(atPath: plain)
        return (key, certificate, passphrase)
    }

    @Test("an encrypted export is refused without the key and with another recipient's (nothing imported: 0 rows), and imported with its own")
    func encryptedRoundTrip() throws {
        let station = try CLIStationWithSeal()
        let directory = station.directory
        let authority = try makeAuthority(directory, "authority")
        let other = try makeAuthority(directory, "other")
        let courier = directory.path("courier")
        let exported = try station.call(["export", "--out", courier, "--station-passphrase-file", directory.path("station.pass"),
                                         "--to-recipient", authority.certificate, "--json"] + station.clerk)
        #expect(exported.status == 0, "\(exported.stderr)")
        let export = try SealStationCLI.json(exported)
        let path = try #require(export["path"] as? String)
        #expect(path.hasSuffix(".zip.p7e"))
        #expect((export["encryptedFor"] as? [String: Any])?["issuer"] as? String != nil)
        let listing = try FileManager.default.contentsOfDirectory(atPath: courier)
        #expect(!listing.contains { $0.hasSuffix(".zip") }, "\(listing)")
        let anchor = directory.path("station/ca/ca-cert.pem")

        let locked = try SealFilingCLI.run(["verify", path, "--anchor", anchor])
        #expect(locked.status == 2)
        #expect((locked.stdout + locked.stderr).contains("encrypted for"), "\(locked.stdout)\(locked.stderr)")

        let database = directory.path("online.sqlite")
        // A refused import never opens the registry: no file, or (once made) no rows.
        func rows() throws -> String {
            guard FileManager.default.fileExists(atPath: database) else { return "0 0" }
            return try ExternalTool.run("sqlite3", [database, "SELECT (SELECT count(*) FROM filing_bundle) || ' ' || (SELECT count(*) FROM filed_seal)"]).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let wrong = try SealFilingCLI.run(["import", path, "--db", database, "--anchor", anchor, "--decrypt-key", other.key,
                                          "--decrypt-cert", other.certificate, "--decrypt-key-passphrase-file", other.passphrase])
        #expect(wrong.status == 2)
        #expect((wrong.stdout + wrong.stderr).contains("not for the certificate given"), "\(wrong.stdout)\(wrong.stderr)")
        #expect(try rows() == "0 0")
        // The other authority's key with this authority's certificate: refused before use.
        let mismatched = try SealFilingCLI.run(["import", path, "--db", database, "--anchor", anchor, "--decrypt-key", other.key,
                                               "--decrypt-cert", authority.certificate, "--decrypt-key-passphrase-file", other.passphrase])
        #expect(mismatched.status != 0 && mismatched.stderr.contains("not the key of the recipient certificate"), "\(mismatched.stderr)")
        #expect(try rows() == "0 0")

        let verified = try SealFilingCLI.run(["verify", path, "--anchor", anchor, "--decrypt-key", authority.key, "--decrypt-cert", authority.certificate,
                                             "--decrypt-key-passphrase-file", authority.passphrase, "--qr-manifest",
                                             try #require(export["manifestPath"] as? String), "--json"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        let report = try SealStationCLI.json(verified)
        #expect(report["encryptedSM3"] as? String == export["sm3"] as? String)
        #expect(report["sm3"] as? String == export["bundleSM3"] as? String)
        let imported = try SealFilingCLI.run(["import", path, "--db", database, "--anchor", anchor, "--decrypt-key", authority.key,
                                             "--decrypt-cert", authority.certificate, "--decrypt-key-passphrase-file", authority.passphrase, "--json"])
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        #expect(try rows() == "1 1")
        // The passphrase never comes from argv: the option only takes a file, and --decrypt-key needs its certificate.
        let alone = try SealFilingCLI.run(["verify", path, "--anchor", anchor, "--decrypt-key", authority.key])
        #expect(alone.status == 64 && alone.stderr.contains("--decrypt-key and --decrypt-cert go together"), "\(alone.stderr)")
    }
}
