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

    /// Reads the EncryptedPrivateKeyInfo header of `bytes` (DER or PEM).
    /// - Throws: `.truncatedKeyFile`, `.unencryptedPrivateKeyFile`, `.notAnEncryptedPrivateKey`.
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
            iterations = pbkdf2.iterationCount
            switch pbkdf2.prf?.algorithm ?? ObjectIdentifiers.hmacWithSHA1 {
            case ObjectIdentifiers.hmacWithSHA256: keyDerivation = "PBKDF2-HMAC-SHA256"
            case ObjectIdentifiers.hmacWithSHA1: keyDerivation = "PBKDF2-HMAC-SHA1"
            case let other: keyDerivation = "PBKDF2 with PRF \(other)"
            }
        case ObjectIdentifiers.scrypt:
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
}
