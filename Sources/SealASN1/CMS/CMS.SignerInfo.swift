public import SwiftASN1

extension CMS {
    // SignerInfo ::= SEQUENCE {
    //     version            CMSVersion,
    //     sid                SignerIdentifier,
    //     digestAlgorithm    DigestAlgorithmIdentifier,
    //     signedAttrs        [0] IMPLICIT SignedAttributes OPTIONAL,
    //     signatureAlgorithm SignatureAlgorithmIdentifier,
    //     signature          SignatureValue,
    //     unsignedAttrs      [1] IMPLICIT UnsignedAttributes OPTIONAL }             RFC 5652 §5.3
    /// One signer. With signed attributes, the signature covers their DER re-tagged as a SET (RFC 5652 §5.4):
    /// ``signedAttributesDER``, taken from the bytes as read, not re-encoded.
    public struct SignerInfo: DERImplicitlyTaggable, Hashable, Sendable {
        public static var defaultIdentifier: ASN1Identifier { .sequence }

        public var version: Int
        public var sid: SignerIdentifier
        public var digestAlgorithm: AlgorithmIdentifier
        public var signedAttributes: [Attribute]?
        /// The signed attributes as the signature covers them: `SET OF Attribute` DER with the SET tag (0x31).
        public let signedAttributesDER: [UInt8]?
        public var signatureAlgorithm: AlgorithmIdentifier
        public var signature: [UInt8]
        public var unsignedAttributes: [Attribute]?

        /// A signer with `signedAttributes` (encoded in DER order) and, to be added later, unsigned attributes.
        public init(
            sid: SignerIdentifier, digestAlgorithm: AlgorithmIdentifier, signedAttributes: [Attribute],
            signatureAlgorithm: AlgorithmIdentifier, signature: [UInt8], unsignedAttributes: [Attribute]? = nil
        ) throws {
            self.version = if case .subjectKeyIdentifier = sid { 3 } else { 1 }
            self.sid = sid
            self.digestAlgorithm = digestAlgorithm
            self.signedAttributes = signedAttributes
            var serializer = DER.Serializer()
            try serializer.serializeSetOf(signedAttributes, identifier: .set)
            self.signedAttributesDER = serializer.serializedBytes
            self.signatureAlgorithm = signatureAlgorithm
            self.signature = signature
            self.unsignedAttributes = unsignedAttributes
        }

        /// The DER SET of `attributes` that a signer signs.
        public static func signedAttributesForSigning(_ attributes: [Attribute]) throws -> [UInt8] {
            var serializer = DER.Serializer()
            try serializer.serializeSetOf(attributes, identifier: .set)
            return serializer.serializedBytes
        }

        /// The values of the signed attribute of `type` (nil when there is no such attribute).
        public func signedAttribute(_ type: ASN1ObjectIdentifier) -> [ASN1Any]? {
            guard let encoded = try? Attribute.encode(type) else { return nil }
            return signedAttribute(encodedType: encoded)
        }

        /// The values of the signed attribute whose type's DER is `encodedType`.
        public func signedAttribute(encodedType: [UInt8]) -> [ASN1Any]? {
            signedAttributes?.first { $0.encodedType == encodedType }?.values
        }

        /// The values of the unsigned attribute whose type's DER is `encodedType` (nil when there is none).
        public func unsignedAttribute(encodedType: [UInt8]) -> [ASN1Any]? {
            unsignedAttributes?.first { $0.encodedType == encodedType }?.values
        }

        private static let signedTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
        private static let unsignedTag = ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)

        public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try DER.sequence(rootNode, identifier: identifier) { nodes in
                let version = try Int(derEncoded: &nodes)
                guard let sidNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "SignerInfo has no sid") }
                let sid = try SignerIdentifier(derEncoded: sidNode)
                let digestAlgorithm = try AlgorithmIdentifier(derEncoded: &nodes)
                var signedAttributes: [Attribute]?
                var signedAttributesDER: [UInt8]?
                var next = nodes.next()
                if let node = next, node.identifier == Self.signedTag {
                    signedAttributes = try DER.set(of: Attribute.self, identifier: Self.signedTag, rootNode: node)
                    var bytes = Array(node.encodedBytes)
                    bytes[0] = 0x31
                    signedAttributesDER = bytes
                    next = nodes.next()
                }
                guard let algorithmNode = next else { throw ASN1Error.invalidASN1Object(reason: "SignerInfo has no signatureAlgorithm") }
                let signatureAlgorithm = try AlgorithmIdentifier(derEncoded: algorithmNode)
                let signature = try ASN1OctetString(derEncoded: &nodes)
                var unsignedAttributes: [Attribute]?
                if let node = nodes.next() {
                    guard node.identifier == Self.unsignedTag else { throw ASN1Error.unexpectedFieldType(node.identifier) }
                    unsignedAttributes = try DER.set(of: Attribute.self, identifier: Self.unsignedTag, rootNode: node)
                }
                return SignerInfo(
                    version: version, sid: sid, digestAlgorithm: digestAlgorithm, signedAttributes: signedAttributes,
                    signedAttributesDER: signedAttributesDER, signatureAlgorithm: signatureAlgorithm, signature: Array(signature.bytes),
                    unsignedAttributes: unsignedAttributes)
            }
        }

        private init(
            version: Int, sid: SignerIdentifier, digestAlgorithm: AlgorithmIdentifier, signedAttributes: [Attribute]?,
            signedAttributesDER: [UInt8]?, signatureAlgorithm: AlgorithmIdentifier, signature: [UInt8], unsignedAttributes: [Attribute]?
        ) {
            self.version = version
            self.sid = sid
            self.digestAlgorithm = digestAlgorithm
            self.signedAttributes = signedAttributes
            self.signedAttributesDER = signedAttributesDER
            self.signatureAlgorithm = signatureAlgorithm
            self.signature = signature
            self.unsignedAttributes = unsignedAttributes
        }

        public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                try coder.serialize(version)
                try coder.serialize(sid)
                try coder.serialize(digestAlgorithm)
                if let signedAttributesDER {
                    // The bytes the signature covers, tagged [0] IMPLICIT again.
                    var bytes = signedAttributesDER
                    bytes[0] = 0xA0
                    coder.serializeRawBytes(bytes)
                }
                try coder.serialize(signatureAlgorithm)
                try coder.serialize(ASN1OctetString(contentBytes: signature[...]))
                if let unsignedAttributes {
                    try coder.serializeSetOf(unsignedAttributes, identifier: Self.unsignedTag)
                }
            }
        }
    }
}
