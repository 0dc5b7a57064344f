public import SwiftASN1

extension CMS {
    // EnvelopedData ::= SEQUENCE {
    //     version              CMSVersion,
    //     originatorInfo       [0] IMPLICIT OriginatorInfo OPTIONAL,
    //     recipientInfos       RecipientInfos,                      -- SET SIZE (1..MAX) OF RecipientInfo
    //     encryptedContentInfo EncryptedContentInfo,
    //     unprotectedAttrs     [1] IMPLICIT UnprotectedAttributes OPTIONAL }          RFC 5652 §6.1, GB/T 35275 §9
    /// Content encrypted under a content-encryption key, with that key encrypted for each recipient. The optional fields
    /// are kept as read (their DER), so a reader can refuse what it does not use.
    public struct EnvelopedData: DERImplicitlyTaggable, Hashable, Sendable {
        public static var defaultIdentifier: ASN1Identifier { .sequence }

        public var version: Int
        /// OriginatorInfo as its DER, when present.
        public var originatorInfo: [UInt8]?
        public var recipientInfos: [RecipientInfo]
        public var encryptedContentInfo: EncryptedContentInfo
        /// UnprotectedAttributes as their DER, when present.
        public var unprotectedAttributes: [UInt8]?

        /// Version 0: only key-transport recipients named by issuer and serial number, no originator, no attributes.
        public init(recipientInfos: [RecipientInfo], encryptedContentInfo: EncryptedContentInfo) {
            self.version = 0
            self.originatorInfo = nil
            self.recipientInfos = recipientInfos
            self.encryptedContentInfo = encryptedContentInfo
            self.unprotectedAttributes = nil
        }

        private static let originatorInfoTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
        private static let unprotectedAttributesTag = ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)

        public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try DER.sequence(rootNode, identifier: identifier) { nodes in
                let version = try Int(derEncoded: &nodes)
                guard var next = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "EnvelopedData has no recipientInfos") }
                var originatorInfo: [UInt8]?
                if next.identifier == Self.originatorInfoTag {
                    originatorInfo = Array(next.encodedBytes)
                    guard let following = nodes.next() else {
                        throw ASN1Error.invalidASN1Object(reason: "EnvelopedData has no recipientInfos")
                    }
                    next = following
                }
                let recipientInfos = try DER.set(of: RecipientInfo.self, identifier: .set, rootNode: next)
                guard !recipientInfos.isEmpty else { throw ASN1Error.invalidASN1Object(reason: "EnvelopedData has no recipient") }
                let encryptedContentInfo = try EncryptedContentInfo(derEncoded: &nodes)
                var unprotectedAttributes: [UInt8]?
                if let node = nodes.next() {
                    guard node.identifier == Self.unprotectedAttributesTag else { throw ASN1Error.unexpectedFieldType(node.identifier) }
                    unprotectedAttributes = Array(node.encodedBytes)
                }
                var envelopedData = EnvelopedData(recipientInfos: recipientInfos, encryptedContentInfo: encryptedContentInfo)
                envelopedData.version = version
                envelopedData.originatorInfo = originatorInfo
                envelopedData.unprotectedAttributes = unprotectedAttributes
                return envelopedData
            }
        }

        public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                try coder.serialize(version)
                if let originatorInfo { coder.serializeRawBytes(originatorInfo) }
                try coder.serializeSetOf(recipientInfos, identifier: .set)
                try coder.serialize(encryptedContentInfo)
                if let unprotectedAttributes { coder.serializeRawBytes(unprotectedAttributes) }
            }
        }
    }
}
