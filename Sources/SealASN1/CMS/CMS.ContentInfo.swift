public import SwiftASN1

extension CMS {
    // ContentInfo ::= SEQUENCE { contentType ContentType, content [0] EXPLICIT ANY DEFINED BY contentType }
    //                                                                                             RFC 5652 §3
    /// The outer structure: a content type and its content (a SignedData here).
    public struct ContentInfo: DERImplicitlyTaggable, Hashable, Sendable {
        public static var defaultIdentifier: ASN1Identifier { .sequence }

        public var contentType: ASN1ObjectIdentifier
        public var content: ASN1Any

        public init(contentType: ASN1ObjectIdentifier, content: ASN1Any) {
            self.contentType = contentType
            self.content = content
        }

        /// `signedData` under the content type `contentType` (CMS's id-signedData, or GB/T 35275's).
        public init(signedData: SignedData, contentType: ASN1ObjectIdentifier = CMS.signedData) throws {
            self.init(contentType: contentType, content: try ASN1Any(erasing: signedData))
        }

        /// The content read as a SignedData (whatever the content type says; the caller checks that).
        public func signedData() throws -> SignedData { try SignedData(asn1Any: content) }

        public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try DER.sequence(rootNode, identifier: identifier) { nodes in
                let type = try ASN1ObjectIdentifier(derEncoded: &nodes)
                let content = try DER.explicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { ASN1Any(derEncoded: $0) }
                return ContentInfo(contentType: type, content: content)
            }
        }

        public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                try coder.serialize(contentType)
                try coder.serialize(content, explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific)
            }
        }
    }
}
