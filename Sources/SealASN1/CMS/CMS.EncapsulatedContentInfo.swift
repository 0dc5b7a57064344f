public import SwiftASN1

extension CMS {
    // EncapsulatedContentInfo ::= SEQUENCE { eContentType ContentType, eContent [0] EXPLICIT OCTET STRING OPTIONAL }
    //                                                                                              RFC 5652 §5.2
    /// What was signed: its type and, unless the signature is detached, the content itself.
    public struct EncapsulatedContentInfo: DERImplicitlyTaggable, Hashable, Sendable {
        public static var defaultIdentifier: ASN1Identifier { .sequence }

        public var eContentType: ASN1ObjectIdentifier
        public var eContent: ASN1OctetString?

        public init(eContentType: ASN1ObjectIdentifier, eContent: ASN1OctetString? = nil) {
            self.eContentType = eContentType
            self.eContent = eContent
        }

        public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try DER.sequence(rootNode, identifier: identifier) { nodes in
                let type = try ASN1ObjectIdentifier(derEncoded: &nodes)
                let content = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) {
                    try ASN1OctetString(derEncoded: $0)
                }
                return EncapsulatedContentInfo(eContentType: type, eContent: content)
            }
        }

        public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                try coder.serialize(eContentType)
                if let eContent { try coder.serialize(eContent, explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific) }
            }
        }
    }
}
