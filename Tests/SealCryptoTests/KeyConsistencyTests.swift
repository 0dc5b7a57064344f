import Foundation
import SealCrypto
import SealTestSupport
import Testing

/// AES-CBC key files have no integrity: a damaged ciphertext can decrypt to a different scalar beside the stored
/// public point. Every key read is checked pairwise, and keys are checked against the public key they are used for.
@Suite("private keys are checked against their public keys")
struct KeyConsistencyTests {
    static let encryption = KeyEncryption(cipher: .aes256CBC, iterations: KeyEncryption.minimumIterations)

    /// `file` with one bit flipped at `offset` into the ciphertext that ends it (144 bytes for an SM2 or P-256 key).
    static func flipped(_ file: [UInt8], ciphertextOffset offset: Int, bit: Int) throws -> [UInt8] {
        let start = file.count - 144
        try #require(Array(file[(start - 3)..<start]) == [0x04, 0x81, 0x90])
        var damaged = file
        damaged[start + offset] ^= UInt8(1 << bit)
        return damaged
    }

    /// Flips in ciphertext block 3 garble plaintext bytes 48–63 and flip one of 64–67: all inside the 32-byte private
    /// scalar (bytes 36–67 of the PrivateKeyInfo), so the file decrypts with valid padding and DER.
    static let scalarFlips: [(Int, Int)] = [(48, 0), (48, 7), (49, 3), (50, 1), (51, 6)]

    @Test("a key file damaged inside the private scalar opens in the openssl CLI, and is refused here as damaged",
          arguments: KeyAlgorithm.allCases)
    func damagedScalar(algorithm: KeyAlgorithm) throws {
        let directory = try TemporaryDirectory()
        let key = try PrivateKey.generate(algorithm)
        let file = try key.encryptedPKCS8(passphrase: SecretBytes(utf8: "holder"), encryption: Self.encryption)
        try directory.write("pass", text: "holder")
        for (offset, bit) in Self.scalarFlips {
            let damaged = try Self.flipped(file, ciphertextOffset: offset, bit: bit)
            // The danger: the file still decrypts to a key, and the public point stored with it is the original one.
            let path = try directory.write("damaged-\(offset)-\(bit).p8", damaged)
            let opened = try ExternalTool.run("openssl", [
                "pkcs8", "-inform", "DER", "-in", path, "-passin", "file:" + directory.path("pass"), "-out", path + ".pem",
            ])
            #expect(opened.succeeded, "byte \(offset) bit \(bit): \(opened.stderr)")
            #expect(throws: SealCryptoError.inconsistentPrivateKey, "byte \(offset) bit \(bit)") {
                try PrivateKey(encryptedPKCS8: damaged, passphrase: SecretBytes(utf8: "holder"))
            }
        }
        #expect("\(SealCryptoError.inconsistentPrivateKey)".contains("the key file is damaged"))
    }

    @Test("checkBelongs accepts the key's own public key and refuses another key's, naming both fingerprints",
          arguments: KeyAlgorithm.allCases)
    func belongs(algorithm: KeyAlgorithm) throws {
        let key = try PrivateKey.generate(algorithm), other = try PrivateKey.generate(algorithm)
        try key.checkBelongs(to: key.publicKey)
        let reopened = try PrivateKey(
            encryptedPKCS8: key.encryptedPKCS8(passphrase: SecretBytes(utf8: "pw"), encryption: Self.encryption),
            passphrase: SecretBytes(utf8: "pw"))
        try reopened.checkBelongs(to: key.publicKey)
        let expected = SealCryptoError.privateKeyDoesNotMatch(
            expectedSM3: Hex.encode(other.publicKey.fingerprint.prefix(8)), actualSM3: Hex.encode(key.publicKey.fingerprint.prefix(8)))
        #expect(throws: expected) { try key.checkBelongs(to: other.publicKey) }
        // The same point on the other curve is another key too.
        let otherCurve: KeyAlgorithm = algorithm == .sm2 ? .p256 : .sm2
        #expect(throws: SealCryptoError.self) { try key.checkBelongs(to: PrivateKey.generate(otherCurve).publicKey) }
    }

    @Test("signatures are verified when made; a prehashed check accepts the token form and refuses changed values",
          arguments: KeyAlgorithm.allCases)
    func prehashed(algorithm: KeyAlgorithm) throws {
        let key = try PrivateKey.generate(algorithm)
        let message = Array("用印申请 第 42 号".utf8)
        let signature = try key.signature(for: message)
        #expect(try key.publicKey.isValidSignature(signature, for: message))
        let digest = algorithm == .sm2
            ? try SM2.signingDigest(of: message, publicKeyPoint: key.publicKey.rawPoint)
            : try DigestAlgorithm.sha256.hash(message)
        #expect(try key.publicKey.isValidSignature(signature, prehashed: digest))
        for index in [0, 15, 31] {
            var changed = digest
            changed[index] ^= 0x01
            #expect(try !key.publicKey.isValidSignature(signature, prehashed: changed), "digest byte \(index)")
        }
        #expect(try !PrivateKey.generate(algorithm).publicKey.isValidSignature(signature, prehashed: digest))
    }
}
