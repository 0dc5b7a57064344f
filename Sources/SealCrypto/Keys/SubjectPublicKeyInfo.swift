import SwiftASN1

// SubjectPublicKeyInfo  ::=  SEQUENCE  {
//      algorithm            AlgorithmIdentifier,
//      subjectPublicKey     BIT STRING  }
/// RFC 5280 §4.1.2.7, as used for EC keys (RFC 5480): algorithm id-ecPublicKey, parameters the named curve.
struct SubjectPublicKeyInfo: DERImplicitlyTaggable, Hashable, Sendable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    var algorithm: AlgorithmIdentifier
    var subjectPublicKey: ASN1BitString

    init(algorithm: AlgorithmIdentifier, subjectPublicKey: ASN1BitString) {
        self.algorithm = algorithm
        self.subjectPublicKey = subjectPublicKey
    }

    /// The SPKI of an uncompressed EC point on `curve`.
    init(ecPoint: [UInt8], curve: ASN1ObjectIdentifier) throws {
        self.algorithm = AlgorithmIdentifier(algorithm: ObjectIdentifiers.ecPublicKey, parameters: try ASN1Any(erasing: curve))
        self.subjectPublicKey = ASN1BitString(bytes: ecPoint[...], paddingBits: 0)
    }

    init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            let algorithm = try AlgorithmIdentifier(derEncoded: &nodes)
            let key = try ASN1BitString(derEncoded: &nodes)
            return SubjectPublicKeyInfo(algorithm: algorithm, subjectPublicKey: key)
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(algorithm)
            try coder.serialize(subjectPublicKey)
        }
    }

    /// The named curve, when the parameters are an OID.
    var namedCurve: ASN1ObjectIdentifier? {
        guard algorithm.algorithm == ObjectIdentifiers.ecPublicKey, let parameters = algorithm.parameters else { return nil }
        return try? ASN1ObjectIdentifier(asn1Any: parameters)
    }

    /// DER bytes.
    func derBytes() throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(self)
        return serializer.serializedBytes
    }
}
