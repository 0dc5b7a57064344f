public import SwiftASN1

extension SESv4 {
    // CertDigestObj ::= SEQUENCE {
    //     type   PrintableString,   -- 自定义类型
    //     value  OCTET STRING       -- 证书杂凑值
    // }                                                   GB/T 38540-2020
    /// One certificate digest in a `certDigestList` (certListType 2). No producer is known to use it; SealStation
    /// writes type "SM3" with the SM3 of the certificate's DER.
    public struct CertDigestObj: DERImplicitlyTaggable, Hashable, Sendable {
        public static var defaultIdentifier: ASN1Identifier { .sequence }

        public var type: ASN1PrintableString
        public var value: ASN1OctetString

        public init(type: String, value: [UInt8]) throws {
            self.type = try ASN1PrintableString(type)
            self.value = ASN1OctetString(contentBytes: value[...])
        }

        public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try parsing("CertDigestObj") {
                try DER.sequence(rootNode, identifier: identifier) { nodes in
                    CertDigestObj(type: try ASN1PrintableString(derEncoded: &nodes), value: try ASN1OctetString(derEncoded: &nodes))
                }
            }
        }

        private init(type: ASN1PrintableString, value: ASN1OctetString) {
            self.type = type
            self.value = value
        }

        public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                try coder.serialize(type)
                try coder.serialize(value)
            }
        }
    }
}
