public import SwiftASN1

extension GBT35275 {
    // Attribute ::= SEQUENCE { attrType OBJECT IDENTIFIER, attrValues SET OF AttributeValue }   RFC 5652 §5.3
    /// A signed attribute with one value, kept as the value's DER.
    public struct Attribute: DERSerializable, Hashable, Sendable {
        public var type: ASN1ObjectIdentifier
        /// The DER of the single attribute value.
        public var valueDER: [UInt8]

        public init(type: ASN1ObjectIdentifier, value: some DERSerializable) throws {
            self.type = type
            var serializer = DER.Serializer()
            try serializer.serialize(value)
            self.valueDER = serializer.serializedBytes
        }

        /// An attribute whose value is already DER (as read).
        public init(type: ASN1ObjectIdentifier, valueDER: [UInt8]) {
            self.type = type
            self.valueDER = valueDER
        }

        public func serialize(into coder: inout DER.Serializer) throws {
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(type)
                coder.appendConstructedNode(identifier: .set) { $0.serializeRawBytes(valueDER) }
            }
        }
    }
}
