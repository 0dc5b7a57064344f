public import SwiftASN1

/// The key algorithms SealStation issues: SM2 (GB/T 32918) and, for tokens without SM2, ECDSA on P-256.
public enum KeyAlgorithm: String, Sendable, Codable, CaseIterable {
    /// SM2 on the recommended curve (curve OID 1.2.156.10197.1.301), signing with SM3 and a distinguishing ID.
    case sm2
    /// ECDSA on NIST P-256 (prime256v1), signing with SHA-256.
    case p256

    /// The named-curve OID carried in the SubjectPublicKeyInfo parameters.
    public var curveOID: ASN1ObjectIdentifier {
        switch self {
        case .sm2: return ObjectIdentifiers.sm2Curve
        case .p256: return ObjectIdentifiers.prime256v1
        }
    }

    /// The signature algorithm a key of this kind signs with.
    public var signatureAlgorithm: SignatureAlgorithm {
        switch self {
        case .sm2: return .sm2WithSM3
        case .p256: return .ecdsaWithSHA256
        }
    }

    /// A human name for tables and messages.
    public var displayName: String {
        switch self {
        case .sm2: return "SM2"
        case .p256: return "ECDSA P-256"
        }
    }
}
