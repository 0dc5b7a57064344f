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
    /// The most PBKDF2 iterations a key file may ask for: 10,000,000 (about 17 times the default, a few seconds).
    /// A key file over it is refused before any key derivation, with its own message rather than "wrong passphrase".
    public static let maximumIterations = 10_000_000

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
