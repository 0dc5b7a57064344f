import SwiftASN1

/// What an encrypted key file says about its protection, read without the passphrase.
public struct KeyFileProtection: Sendable, Hashable, Codable {
    /// "PBES2".
    public var scheme: String
    /// "PBKDF2-HMAC-SHA256", "PBKDF2-HMAC-SHA1", "scrypt" or the KDF OID.
    public var keyDerivation: String
    /// The PBKDF2 iteration count, when the KDF is PBKDF2.
    public var iterations: Int?
    /// "aes-256-cbc", "sm4-cbc" or the cipher OID.
    public var cipher: String

    /// Reads the EncryptedPrivateKeyInfo header of `bytes` (DER or PEM) and range-checks its key derivation: PBKDF2
    /// with 1 to `KeyEncryption.maximumIterations` (10,000,000) iterations, or scrypt within
    /// ``Scrypt/Limits/keyFile``; a key length, when given, of 1 to 64 bytes.
    /// - Throws: `.truncatedKeyFile`, `.unencryptedPrivateKeyFile`, `.notAnEncryptedPrivateKey`,
    ///   `.tooManyIterations`, `.keyDerivationOutOfRange`.
    public init(keyFile bytes: [UInt8]) throws {
        let info = try EncryptedPrivateKeyInfo.classify(keyFile: bytes)
        try self.init(info)
    }

    init(_ info: EncryptedPrivateKeyInfo) throws {
        guard info.encryptionAlgorithm.algorithm == ObjectIdentifiers.pbes2,
              let parametersAny = info.encryptionAlgorithm.parameters,
              let parameters = try? PBES2Parameters(asn1Any: parametersAny)
        else {
            throw SealCryptoError.unsupportedKeyEncryption(
                "scheme \(info.encryptionAlgorithm.algorithm) (only PBES2 is read)")
        }
        scheme = "PBES2"
        let kdf = parameters.keyDerivationFunc
        switch kdf.algorithm {
        case ObjectIdentifiers.pbkdf2:
            guard let anyParameters = kdf.parameters, let pbkdf2 = try? PBKDF2Parameters(asn1Any: anyParameters) else {
                throw SealCryptoError.unsupportedKeyEncryption("PBKDF2 without readable parameters")
            }
            // Checked here, before OpenSSL reads the count (it would take hours, or wrap past 2^31 and fail as a
            // wrong passphrase).
            guard let count = pbkdf2.iterationCount.value(in: 1...KeyEncryption.maximumIterations) else {
                throw SealCryptoError.tooManyIterations(iterations: pbkdf2.iterationCount.description, maximum: KeyEncryption.maximumIterations)
            }
            try Self.checkKeyLength(pbkdf2.keyLength)
            iterations = count
            switch pbkdf2.prf?.algorithm ?? ObjectIdentifiers.hmacWithSHA1 {
            case ObjectIdentifiers.hmacWithSHA256: keyDerivation = "PBKDF2-HMAC-SHA256"
            case ObjectIdentifiers.hmacWithSHA1: keyDerivation = "PBKDF2-HMAC-SHA1"
            case let other: keyDerivation = "PBKDF2 with PRF \(other)"
            }
        case ObjectIdentifiers.scrypt:
            guard let anyParameters = kdf.parameters, let scrypt = try? ScryptParameters(asn1Any: anyParameters) else {
                throw SealCryptoError.unsupportedKeyEncryption("scrypt without readable parameters")
            }
            if let problem = Scrypt.Limits.keyFile.problem(n: scrypt.costParameter, r: scrypt.blockSize, p: scrypt.parallelizationParameter) {
                throw SealCryptoError.keyDerivationOutOfRange("the key file asks for \(problem)")
            }
            try Self.checkKeyLength(scrypt.keyLength)
            keyDerivation = "scrypt"
            iterations = nil
        case let other:
            keyDerivation = "\(other)"
            iterations = nil
        }
        switch parameters.encryptionScheme.algorithm {
        case ObjectIdentifiers.aes256CBC: cipher = KeyEncryption.Cipher.aes256CBC.rawValue
        case ObjectIdentifiers.sm4CBC: cipher = KeyEncryption.Cipher.sm4CBC.rawValue
        case let other: cipher = "\(other)"
        }
    }

    /// A derived key length, when a key file gives one, is 1…64 bytes (the ciphers read take 16 or 32).
    static func checkKeyLength(_ length: UntrustedInteger?) throws {
        guard let length else { return }
        guard length.value(in: 1...64) != nil else {
            throw SealCryptoError.keyDerivationOutOfRange("the key file asks for a \(length)-byte key; 1…64 bytes are accepted")
        }
    }
}
