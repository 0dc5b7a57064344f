internal import COpenSSL
import SwiftASN1

/// How an encrypted PKCS#8 key file is protected: PBES2 with PBKDF2-HMAC-SHA256 and a CBC cipher.
public struct KeyEncryption: Sendable, Hashable, Codable {
    /// The PBES2 encryption scheme.
    public enum Cipher: String, Sendable, Codable, CaseIterable {
        /// AES-256-CBC, the default (every PKCS#8 reader opens it).
        case aes256CBC = "aes-256-cbc"
        /// SM4-CBC (GB/T 32907), on request.
        case sm4CBC = "sm4-cbc"

        var oid: ASN1ObjectIdentifier {
            switch self {
            case .aes256CBC: return ObjectIdentifiers.aes256CBC
            case .sm4CBC: return ObjectIdentifiers.sm4CBC
            }
        }
    }

    /// The fewest PBKDF2 iterations SealStation writes.
    public static let minimumIterations = 200_000
    /// The default PBKDF2 iteration count (OWASP 2023 for PBKDF2-HMAC-SHA256).
    public static let defaultIterations = 600_000

    /// The cipher.
    public var cipher: Cipher
    /// The PBKDF2-HMAC-SHA256 iteration count.
    public var iterations: Int

    /// AES-256-CBC with 600,000 iterations.
    public static let `default` = KeyEncryption(cipher: .aes256CBC, iterations: defaultIterations)

    public init(cipher: Cipher = .aes256CBC, iterations: Int = KeyEncryption.defaultIterations) {
        self.cipher = cipher
        self.iterations = iterations
    }

    var evpCipher: OpaquePointer? {
        switch cipher {
        case .aes256CBC: return EVP_aes_256_cbc()
        case .sm4CBC: return EVP_sm4_cbc()
        }
    }
}

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

extension EncryptedPrivateKeyInfo {
    /// Parses `bytes` (DER or PEM "ENCRYPTED PRIVATE KEY") and says precisely what is wrong when they are not an
    /// encrypted PKCS#8 key: truncated, an unencrypted key, or something else.
    static func classify(keyFile bytes: [UInt8]) throws -> EncryptedPrivateKeyInfo {
        let der = try PEMInput.derBytes(
            bytes, expectedTypes: ["ENCRYPTED PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY"],
            invalid: { SealCryptoError.notAnEncryptedPrivateKey(reason: $0) }) ?? bytes
        if bytes.starts(with: Array("-----BEGIN PRIVATE KEY".utf8))
            || bytes.starts(with: Array("-----BEGIN EC PRIVATE KEY".utf8))
        {
            throw SealCryptoError.unencryptedPrivateKeyFile
        }
        guard let first = der.first else { throw SealCryptoError.notAnEncryptedPrivateKey(reason: "the file is empty") }
        guard first == 0x30 else {
            let looksLikeText = der.prefix(64).allSatisfy { (0x20..<0x7f).contains($0) || $0 == 0x0a || $0 == 0x0d || $0 >= 0x80 }
            throw SealCryptoError.notAnEncryptedPrivateKey(
                reason: "it does not start with a DER SEQUENCE (first byte 0x\(Hex.encode([first])))"
                    + (looksLikeText ? "; it looks like a text file" : ""))
        }
        let root: ASN1Node
        do {
            root = try DER.parse(der)
        } catch let error as ASN1Error where error.code == .truncatedASN1Field {
            throw SealCryptoError.truncatedKeyFile(declaredLength: declaredLength(der) ?? 0, actualLength: der.count)
        } catch {
            throw SealCryptoError.notAnEncryptedPrivateKey(reason: "the bytes are not DER (\(error))")
        }
        if case .constructed(let children) = root.content, root.identifier == .sequence {
            var iterator = children.makeIterator()
            if let first = iterator.next(), first.identifier == .integer {
                // PrivateKeyInfo / OneAsymmetricKey start with a version INTEGER; SEC1 ECPrivateKey too.
                throw SealCryptoError.unencryptedPrivateKeyFile
            }
        }
        do {
            return try EncryptedPrivateKeyInfo(derEncoded: root)
        } catch {
            throw SealCryptoError.notAnEncryptedPrivateKey(
                reason: "DER of another structure (\(root.identifier) at the top)")
        }
    }

    /// The total length a DER header at the start of `bytes` declares (header + content), if readable.
    private static func declaredLength(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2 else { return nil }
        let first = Int(bytes[1])
        if first < 0x80 { return 2 + first }
        let count = first & 0x7f
        guard count > 0, count <= 4, bytes.count >= 2 + count else { return nil }
        let length = bytes[2..<(2 + count)].reduce(0) { $0 << 8 | Int($1) }
        return 2 + count + length
    }
}
