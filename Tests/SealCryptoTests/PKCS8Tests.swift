import Foundation
import SealCrypto
import SealTestSupport
import Testing

@Suite("Encrypted PKCS#8 key files")
struct PKCS8Tests {
    /// A fast but still compliant setting for tests (the floor is 200,000).
    static let testEncryption = KeyEncryption(cipher: .aes256CBC, iterations: KeyEncryption.minimumIterations)

    @Test("round trip through our own reader", arguments: KeyAlgorithm.allCases)
    func roundTrip(algorithm: KeyAlgorithm) throws {
        let key = try PrivateKey.generate(algorithm)
        let file = try key.encryptedPKCS8(passphrase: SecretBytes(utf8: "correct horse"), encryption: Self.testEncryption)
        let reopened = try PrivateKey(encryptedPKCS8: file, passphrase: SecretBytes(utf8: "correct horse"))
        #expect(reopened.algorithm == algorithm)
        #expect(reopened.publicKey == key.publicKey)
        // The reopened SM2 key still signs SM2 (not ECDSA on the SM2 curve).
        let signature = try reopened.signature(for: [1, 2, 3])
        #expect(try key.publicKey.isValidSignature(signature, for: [1, 2, 3]))
    }

    @Test("the openssl CLI opens our key files", arguments: KeyEncryption.Cipher.allCases)
    func opensslOpensOurs(cipher: KeyEncryption.Cipher) throws {
        let directory = try TemporaryDirectory()
        let key = try PrivateKey.generate(.sm2)
        let encryption = KeyEncryption(cipher: cipher, iterations: KeyEncryption.minimumIterations)
        try directory.write("key.p8", try key.encryptedPKCS8(passphrase: SecretBytes(utf8: "封存口令 2026"), encryption: encryption))
        try directory.write("pass.txt", text: "封存口令 2026\n")
        let protection = try KeyFileProtection(keyFile: directory.read("key.p8"))
        #expect(protection.scheme == "PBES2")
        #expect(protection.keyDerivation == "PBKDF2-HMAC-SHA256")
        #expect(protection.iterations == KeyEncryption.minimumIterations)
        #expect(protection.cipher == cipher.rawValue)

        let opened = try ExternalTool.run("openssl", [
            "pkcs8", "-inform", "DER", "-in", directory.path("key.p8"), "-passin", "file:" + directory.path("pass.txt"),
            "-out", directory.path("plain.pem"),
        ])
        #expect(opened.succeeded, "\(opened.stderr)")
        let publicKey = try ExternalTool.run("openssl", [
            "pkey", "-in", directory.path("plain.pem"), "-pubout", "-outform", "DER", "-out", directory.path("pub.der"),
        ])
        #expect(publicKey.succeeded)
        #expect(try directory.read("pub.der") == key.publicKey.derEncoded)
        let parameters = try ExternalTool.run("openssl", ["asn1parse", "-inform", "DER", "-in", directory.path("key.p8")])
        #expect(parameters.stdout.contains("hmacWithSHA256"))
        #expect(parameters.stdout.contains(cipher == .sm4CBC ? "sm4-cbc" : "aes-256-cbc"))
    }

    @Test("we open key files the openssl CLI encrypted")
    func weOpenOpenSSLs() throws {
        let directory = try TemporaryDirectory()
        try ExternalTool.run("openssl", ["genpkey", "-algorithm", "SM2", "-out", directory.path("plain.pem")])
        try directory.write("pass.txt", text: "from-the-cli")
        let encrypted = try ExternalTool.run("openssl", [
            "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-iter", "200000", "-in", directory.path("plain.pem"),
            "-outform", "DER", "-out", directory.path("key.p8"), "-passout", "file:" + directory.path("pass.txt"),
        ])
        #expect(encrypted.succeeded, "\(encrypted.stderr)")
        let key = try PrivateKey(encryptedPKCS8: directory.read("key.p8"), passphrase: SecretBytes(utf8: "from-the-cli"))
        #expect(key.algorithm == .sm2)
    }

    @Test("a wrong passphrase is refused as such")
    func wrongPassphrase() throws {
        let file = try PrivateKey.generate(.sm2).encryptedPKCS8(passphrase: SecretBytes(utf8: "right"), encryption: Self.testEncryption)
        #expect(throws: SealCryptoError.wrongPassphrase) {
            try PrivateKey(encryptedPKCS8: file, passphrase: SecretBytes(utf8: "wrong"))
        }
    }

    @Test("a truncated key file is refused as truncated")
    func truncated() throws {
        let file = try PrivateKey.generate(.sm2).encryptedPKCS8(passphrase: SecretBytes(utf8: "pw"), encryption: Self.testEncryption)
        let cut = Array(file.prefix(file.count / 2))
        #expect(throws: SealCryptoError.truncatedKeyFile(declaredLength: file.count, actualLength: cut.count)) {
            try PrivateKey(encryptedPKCS8: cut, passphrase: SecretBytes(utf8: "pw"))
        }
    }

    @Test("files that are not encrypted keys are refused, saying what they are")
    func notAKey() throws {
        #expect(throws: SealCryptoError.notAnEncryptedPrivateKey(reason: "the file is empty")) {
            try PrivateKey(encryptedPKCS8: [], passphrase: SecretBytes(utf8: "pw"))
        }
        do {
            _ = try PrivateKey(encryptedPKCS8: Array("hello, this is a text file\n".utf8), passphrase: SecretBytes(utf8: "pw"))
            Issue.record("expected an error")
        } catch let error as SealCryptoError {
            guard case .notAnEncryptedPrivateKey = error else { Issue.record("got \(error)"); return }
        }
        // A public key is DER but not an encrypted key.
        let spki = try PrivateKey.generate(.sm2).publicKey.derEncoded
        do {
            _ = try PrivateKey(encryptedPKCS8: spki, passphrase: SecretBytes(utf8: "pw"))
            Issue.record("expected an error")
        } catch let error as SealCryptoError {
            guard case .notAnEncryptedPrivateKey = error else { Issue.record("got \(error)"); return }
        }
        // An unencrypted PKCS#8 key is refused with its own message.
        let plain = try PrivateKey.generate(.sm2).unencryptedPKCS8()
        let plainBytes = plain.withUnsafeBytes { Array($0) }
        #expect(throws: SealCryptoError.unencryptedPrivateKeyFile) {
            try PrivateKey(encryptedPKCS8: plainBytes, passphrase: SecretBytes(utf8: "pw"))
        }
    }

    @Test("fewer than 200,000 PBKDF2 iterations are refused")
    func weakKDF() throws {
        let key = try PrivateKey.generate(.sm2)
        #expect(throws: SealCryptoError.keyDerivationTooWeak(iterations: 2048, minimum: 200_000)) {
            try key.encryptedPKCS8(passphrase: SecretBytes(utf8: "pw"), encryption: KeyEncryption(iterations: 2048))
        }
    }

    @Test("unencrypted PKCS#8 in memory round-trips")
    func unencryptedInMemory() throws {
        let key = try PrivateKey.generate(.p256)
        let reopened = try PrivateKey(unencryptedPKCS8: key.unencryptedPKCS8())
        #expect(reopened.publicKey == key.publicKey)
    }

    @Test("secret bytes take and zero the caller's array")
    func secretBytesConsume() {
        var bytes: [UInt8] = Array("secret".utf8)
        let secret = SecretBytes(consuming: &bytes)
        #expect(bytes.isEmpty)
        #expect(secret.count == 6)
        #expect(secret.isEqual(to: SecretBytes(utf8: "secret")))
        #expect(!secret.isEqual(to: SecretBytes(utf8: "secreT")))
    }
}
