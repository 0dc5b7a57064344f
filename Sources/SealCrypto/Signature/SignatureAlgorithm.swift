public import SwiftASN1

/// The signature algorithms SealStation makes and checks.
public enum SignatureAlgorithm: String, Sendable, Codable, CaseIterable {
    /// SM2 with SM3 over Z‖M (GB/T 32918.2), OID 1.2.156.10197.1.501.
    case sm2WithSM3
    /// ECDSA with SHA-256 (FIPS 186-4), OID 1.2.840.10045.4.3.2.
    case ecdsaWithSHA256

    /// The algorithm identifier OID.
    public var oid: ASN1ObjectIdentifier {
        switch self {
        case .sm2WithSM3: return ObjectIdentifiers.sm2WithSM3
        case .ecdsaWithSHA256: return ObjectIdentifiers.ecdsaWithSHA256
        }
    }

    /// The algorithm for `oid`, or nil when it is not one SealStation uses.
    public init?(oid: ASN1ObjectIdentifier) {
        guard let match = Self.allCases.first(where: { $0.oid == oid }) else { return nil }
        self = match
    }

    /// The digest the algorithm hashes the message with.
    public var digest: DigestAlgorithm {
        switch self {
        case .sm2WithSM3: return .sm3
        case .ecdsaWithSHA256: return .sha256
        }
    }

    /// The key algorithm that makes these signatures.
    public var keyAlgorithm: KeyAlgorithm {
        switch self {
        case .sm2WithSM3: return .sm2
        case .ecdsaWithSHA256: return .p256
        }
    }
}
