public import SwiftASN1

extension CMS {
    // Attribute ::= SEQUENCE { attrType OBJECT IDENTIFIER, attrValues SET OF AttributeValue }   RFC 5652 §5.3
    /// A signed or unsigned attribute, its values kept as read. The type is kept as its DER too, so that an attribute
    /// under a UUID OID (2.25.n, n up to 128 bits, which swift-asn1's identifiers cannot hold) reads and compares.
    public struct Attribute: DERImplicitlyTaggable, Hashable, Sendable {
        public static var defaultIdentifier: ASN1Identifier { .sequence }

        /// The attribute type's DER (tag, length and content of the OBJECT IDENTIFIER).
        public var encodedType: [UInt8]
        public var values: [ASN1Any]

        /// The attribute type, when its arcs fit swift-asn1's identifiers (64 bits each).
        public var type: ASN1ObjectIdentifier? { try? ASN1ObjectIdentifier(derEncoded: encodedType) }

        /// An attribute of type `encodedType` (an OBJECT IDENTIFIER's DER) with `values`.
        public init(encodedType: [UInt8], values: [ASN1Any]) {
            self.encodedType = encodedType
            self.values = values
        }

        public init(type: ASN1ObjectIdentifier, values: [ASN1Any]) throws {
            self.init(encodedType: try Attribute.encode(type), values: values)
        }

        /// An attribute with the single value `value`.
        public init(type: ASN1ObjectIdentifier, value: some DERSerializable) throws {
            try self.init(type: type, values: [try ASN1Any(erasing: value)])
        }

        /// The DER of `type`, as ``encodedType`` holds it.
        public static func encode(_ type: ASN1ObjectIdentifier) throws -> [UInt8] {
            var serializer = DER.Serializer()
            try serializer.serialize(type)
            return serializer.serializedBytes
        }

        public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try DER.sequence(rootNode, identifier: identifier) { nodes in
                guard let type = nodes.next(), type.identifier == .objectIdentifier, case .primitive(let content) = type.content, !content.isEmpty else {
                    throw ASN1Error.invalidASN1Object(reason: "Attribute has no attrType OBJECT IDENTIFIER")
                }
                let values = try DER.set(of: ASN1Any.self, identifier: .set, nodes: &nodes)
                return Attribute(encodedType: Array(type.encodedBytes), values: values)
            }
        }

        public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                coder.serializeRawBytes(encodedType)
                try coder.serializeSetOf(values, identifier: .set)
            }
        }
    }
}
