public import SwiftASN1

// SM2Signature ::= SEQUENCE { R INTEGER, S INTEGER }      (GM/T 0009 §7.3; same shape as X9.62 ECDSA-Sig-Value)
/// An SM2 or ECDSA signature value, convertible between DER and the fixed-width r‖s that tokens and some
/// producers emit.
public struct ECDSASignatureValue: DERImplicitlyTaggable, Hashable, Sendable {
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    /// r as a big-endian unsigned integer, without leading zeros.
    public var r: [UInt8]
    /// s as a big-endian unsigned integer, without leading zeros.
    public var s: [UInt8]

    /// A signature value from r and s (big-endian, any leading zeros are dropped).
    public init(r: [UInt8], s: [UInt8]) {
        self.r = Array(r.drop { $0 == 0 })
        self.s = Array(s.drop { $0 == 0 })
    }

    /// Parses DER `SEQUENCE{INTEGER r, INTEGER s}`.
    public init(derEncoded bytes: [UInt8]) throws {
        do {
            self = try ECDSASignatureValue(derEncoded: try DER.parse(bytes))
        } catch let error as ASN1Error {
            throw SealCryptoError.invalidSignatureEncoding(reason: "not DER SEQUENCE{r, s}: \(ParseProblem.describe(error))")
        }
    }

    /// Splits raw r‖s of `2 × width` bytes (width 32 for SM2 and P-256).
    public init(rawConcatenated bytes: [UInt8], width: Int = 32) throws {
        guard bytes.count == 2 * width else {
            throw SealCryptoError.invalidSignatureEncoding(
                reason: "raw r‖s must be \(2 * width) bytes, got \(bytes.count)")
        }
        self.init(r: Array(bytes.prefix(width)), s: Array(bytes.suffix(width)))
    }

    public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            let r = try ArraySlice<UInt8>(derEncoded: &nodes)
            let s = try ArraySlice<UInt8>(derEncoded: &nodes)
            return ECDSASignatureValue(r: Array(r), s: Array(s))
        }
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(r[...])
            try coder.serialize(s[...])
        }
    }

    /// Canonical DER.
    public func derEncoded() throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(self)
        return serializer.serializedBytes
    }

    /// Fixed-width r‖s, each left-padded with zeros to `width` bytes.
    public func rawConcatenated(width: Int = 32) throws -> [UInt8] {
        guard r.count <= width, s.count <= width else {
            throw SealCryptoError.invalidSignatureEncoding(reason: "r or s is wider than \(width) bytes")
        }
        return [UInt8](repeating: 0, count: width - r.count) + r + [UInt8](repeating: 0, count: width - s.count) + s
    }
}
