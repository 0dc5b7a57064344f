public import SwiftASN1

extension CMS {
    // EncryptedContentInfo ::= SEQUENCE {
    //     contentType                ContentType,
    //     contentEncryptionAlgorithm ContentEncryptionAlgorithmIdentifier,
    //     encryptedContent           [0] IMPLICIT EncryptedContent OPTIONAL }  -- OCTET STRING   RFC 5652 §6.1
    /// The encrypted content, its type and the algorithm (with its IV) that encrypted it. DER makes the IMPLICIT OCTET
    /// STRING primitive; a constructed (BER) one is refused.
    public struct EncryptedContentInfo: DERImplicitlyTaggable, Hashable, Sendable {
        public static var defaultIdentifier: ASN1Identifier { .sequence }

        public var contentType: ASN1ObjectIdentifier
        public var contentEncryptionAlgorithm: AlgorithmIdentifier
        public var encryptedContent: ASN1OctetString?

        public init(contentType: ASN1ObjectIdentifier, contentEncryptionAlgorithm: AlgorithmIdentifier, encryptedContent: ASN1OctetString?) {
            self.contentType = contentType
            self.contentEncryptionAlgorithm = contentEncryptionAlgorithm
            self.encryptedContent = encryptedContent
        }

        private static let encryptedContentTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)

        public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try DER.sequence(rootNode, identifier: identifier) { nodes in
                let contentType = try ASN1ObjectIdentifier(derEncoded: &nodes)
                let algorithm = try AlgorithmIdentifier(derEncoded: &nodes)
                let content: ASN1OctetString? = try DER.optionalImplicitlyTagged(&nodes, tag: Self.encryptedContentTag)
                return EncryptedContentInfo(contentType: contentType, contentEncryptionAlgorithm: algorithm, encryptedContent: content)
            }
        }

        public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                try coder.serialize(contentType)
                try coder.serialize(contentEncryptionAlgorithm)
                if let encryptedContent { try encryptedContent.serialize(into: &coder, withIdentifier: Self.encryptedContentTag) }
            }
        }
    }
}
