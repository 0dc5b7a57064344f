internal import COpenSSL
import SwiftASN1

/// An SM2 or ECDSA P-256 private key held by OpenSSL. Its bytes leave the process only encrypted
/// (`encryptedPKCS8`), or as `SecretBytes` that zero themselves.
public final class PrivateKey: @unchecked Sendable {
    let backing: EVPKey

    /// The key algorithm.
    public var algorithm: KeyAlgorithm { backing.algorithm }

    /// The matching public key.
    public let publicKey: PublicKey

    init(backing: EVPKey) throws {
        self.backing = backing
        self.publicKey = try PublicKey(backing: backing)
    }

    /// A fresh key pair from OpenSSL's CSPRNG.
    public static func generate(_ algorithm: KeyAlgorithm) throws -> PrivateKey {
        try PrivateKey(backing: EVPKey.generate(algorithm))
    }

    /// Signs `message`: SM2 with SM3 over Z‖M, Z computed from `userID` (default 1234567812345678), or ECDSA P-256
    /// with SHA-256. Returns DER SEQUENCE{r, s}.
    public func signature(for message: some Collection<UInt8>, userID: [UInt8] = SM2.defaultUserID) throws -> [UInt8] {
        let bytes = Array(message)
        return try bytes.withUnsafeBytes { try backing.sign($0, userID: userID) }
    }

    /// The signature algorithm this key signs with.
    public var signatureAlgorithm: SignatureAlgorithm { algorithm.signatureAlgorithm }
}

// MARK: - PKCS#8

extension PrivateKey {
    /// The key as encrypted PKCS#8 DER (PBES2, PBKDF2-HMAC-SHA256, 16-byte random salt), which
    /// `openssl pkcs8 -inform DER` opens with the passphrase.
    /// - Throws: `.keyDerivationTooWeak` below `KeyEncryption.minimumIterations`, `.keyDerivationOutOfRange` above
    ///   `KeyEncryption.maximumIterations` (no file this station writes is one it would refuse to read).
    public func encryptedPKCS8(passphrase: SecretBytes, encryption: KeyEncryption = .default) throws -> [UInt8] {
        guard encryption.iterations >= KeyEncryption.minimumIterations else {
            throw SealCryptoError.keyDerivationTooWeak(
                iterations: encryption.iterations, minimum: KeyEncryption.minimumIterations)
        }
        guard encryption.iterations <= KeyEncryption.maximumIterations else {
            throw SealCryptoError.keyDerivationOutOfRange(
                "\(encryption.iterations) PBKDF2 iterations; at most \(KeyEncryption.maximumIterations) are written")
        }
        guard passphrase.count <= Int(Int32.max) else {
            throw SealCryptoError.inputTooLarge(what: "the passphrase", bytes: passphrase.count, limit: Int(Int32.max))
        }
        guard let info = EVP_PKEY2PKCS8(backing.pointer) else { throw SealCryptoError.openSSLFailure("EVP_PKEY2PKCS8") }
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        var salt = try SecureRandom.bytes(count: 16)
        let encrypted: OpaquePointer? = passphrase.withUnsafeBytes { pass in
            salt.withUnsafeMutableBufferPointer { saltBuffer in
                PKCS8_encrypt_ex(
                    -1, encryption.evpCipher, pass.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(pass.count),
                    saltBuffer.baseAddress, Int32(saltBuffer.count), Int32(encryption.iterations), info, nil, nil)
            }
        }
        guard let encrypted else { throw SealCryptoError.openSSLFailure("PKCS8_encrypt_ex") }
        defer { X509_SIG_free(encrypted) }
        return try derEncode("i2d_X509_SIG") { i2d_X509_SIG(encrypted, $0) }
    }

    /// Decrypts an encrypted PKCS#8 key (DER or PEM). Its key derivation is range-checked first (see
    /// ``KeyFileProtection``): a hostile iteration count is refused at once, not after hours of PBKDF2.
    /// - Throws: `.wrongPassphrase`, `.truncatedKeyFile`, `.unencryptedPrivateKeyFile`,
    ///   `.notAnEncryptedPrivateKey`, `.unsupportedKeyAlgorithm`, `.tooManyIterations`, `.keyDerivationOutOfRange`.
    public convenience init(encryptedPKCS8 bytes: [UInt8], passphrase: SecretBytes) throws {
        let info = try EncryptedPrivateKeyInfo.classify(keyFile: bytes)
        _ = try KeyFileProtection(info)  // refuses non-PBES2 schemes and out-of-range parameters with a clear message
        guard passphrase.count <= Int(Int32.max) else {
            throw SealCryptoError.inputTooLarge(what: "the passphrase", bytes: passphrase.count, limit: Int(Int32.max))
        }
        var serializer = DER.Serializer()
        try serializer.serialize(info)
        let der = serializer.serializedBytes
        guard let signature = derDecode(der, { d2i_X509_SIG(nil, $0, $1) }) else {
            throw SealCryptoError.notAnEncryptedPrivateKey(reason: OpenSSLErrorStack.refusal("the cryptographic library refused it as malformed"))
        }
        defer { X509_SIG_free(signature) }
        let decrypted: OpaquePointer? = passphrase.withUnsafeBytes { pass in
            PKCS8_decrypt_ex(signature, pass.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(pass.count), nil, nil)
        }
        guard let decrypted else {
            _ = OpenSSLErrorStack.drain()
            throw SealCryptoError.wrongPassphrase
        }
        defer { PKCS8_PRIV_KEY_INFO_free(decrypted) }
        try self.init(privateKeyInfo: decrypted)
    }

    /// The unencrypted PKCS#8 PrivateKeyInfo DER, in a buffer that zeroes itself. For tokens and tests only;
    /// never write it to a file.
    public func unencryptedPKCS8() throws -> SecretBytes {
        guard let info = EVP_PKEY2PKCS8(backing.pointer) else { throw SealCryptoError.openSSLFailure("EVP_PKEY2PKCS8") }
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        var out: UnsafeMutablePointer<UInt8>? = nil
        let length = i2d_PKCS8_PRIV_KEY_INFO(info, &out)
        guard length > 0, let out else { throw SealCryptoError.openSSLFailure("i2d_PKCS8_PRIV_KEY_INFO") }
        defer { CRYPTO_clear_free(out, Int(length), #fileID, #line) }
        return SecretBytes(copying: out, count: Int(length))
    }

    /// Reads an unencrypted PKCS#8 PrivateKeyInfo (for keys handed over in memory, never from files).
    public convenience init(unencryptedPKCS8 secret: SecretBytes) throws {
        let info: OpaquePointer? = secret.withUnsafeBytes { raw in derDecode(raw, { d2i_PKCS8_PRIV_KEY_INFO(nil, $0, $1) }) }
        guard let info else {
            throw SealCryptoError.malformedPrivateKey(reason: OpenSSLErrorStack.refusal("the cryptographic library refused it as malformed"))
        }
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        try self.init(privateKeyInfo: info)
    }

    /// Every key read is checked for pairwise consistency: a PrivateKeyInfo carries the public point beside the scalar,
    /// and a damaged file can decrypt to another scalar next to the original point.
    private convenience init(privateKeyInfo info: OpaquePointer) throws {
        guard let key = EVP_PKCS82PKEY(info) else {
            throw SealCryptoError.malformedPrivateKey(reason: OpenSSLErrorStack.refusal("the cryptographic library refused it as malformed"))
        }
        let backing = try EVPKey(takingOwnershipOf: key)
        guard backing.isPairwiseConsistent() else { throw SealCryptoError.inconsistentPrivateKey }
        try self.init(backing: backing)
    }
}

extension PrivateKey {
    /// Throws unless this is the private key of `expected`: the key pair is consistent (checked when it was read) and
    /// its public key is `expected`.
    /// - Throws: `.privateKeyDoesNotMatch` naming both fingerprints.
    public func checkBelongs(to expected: PublicKey) throws {
        guard publicKey == expected, backing.isPairwiseConsistent() else {
            throw SealCryptoError.privateKeyDoesNotMatch(
                expectedSM3: Hex.encode(expected.fingerprint.prefix(8)), actualSM3: Hex.encode(publicKey.fingerprint.prefix(8)))
        }
    }
}
