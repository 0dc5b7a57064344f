public import SwiftASN1

extension CMS {
    /// RecipientIdentifier ::= CHOICE { issuerAndSerialNumber IssuerAndSerialNumber, subjectKeyIdentifier [0] … }
    /// (RFC 5652 §6.2.1): the same production as ``SignerIdentifier``.
    public typealias RecipientIdentifier = SignerIdentifier

    // KeyTransRecipientInfo ::= SEQUENCE {
    //     version                CMSVersion,  -- always set to 0 or 2
    //     rid                    RecipientIdentifier,
    //     keyEncryptionAlgorithm KeyEncryptionAlgorithmIdentifier,
    //     encryptedKey           EncryptedKey }                 -- OCTET STRING           RFC 5652 §6.2.1
    /// A recipient that gets the content-encryption key encrypted with its public key (SM2 encryption here).
    public struct KeyTransRecipientInfo: DERImplicitlyTaggable, Hashable, Sendable {
        public static var defaultIdentifier: ASN1Identifier { .sequence }

        /// 0 with an issuerAndSerialNumber rid, 2 with a subjectKeyIdentifier.
        public var version: Int
        public var rid: RecipientIdentifier
        public var keyEncryptionAlgorithm: AlgorithmIdentifier
        public var encryptedKey: ASN1OctetString

        public init(rid: RecipientIdentifier, keyEncryptionAlgorithm: AlgorithmIdentifier, encryptedKey: [UInt8]) {
            if case .subjectKeyIdentifier = rid { version = 2 } else { version = 0 }
            self.rid = rid
            self.keyEncryptionAlgorithm = keyEncryptionAlgorithm
            self.encryptedKey = ASN1OctetString(contentBytes: encryptedKey[...])
        }

        public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try DER.sequence(rootNode, identifier: identifier) { nodes in
                let version = try Int(derEncoded: &nodes)
                guard let ridNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "KeyTransRecipientInfo has no rid") }
                let rid = try RecipientIdentifier(derEncoded: ridNode)
                let algorithm = try AlgorithmIdentifier(derEncoded: &nodes)
                let encryptedKey = try ASN1OctetString(derEncoded: &nodes)
                var info = KeyTransRecipientInfo(rid: rid, keyEncryptionAlgorithm: algorithm, encryptedKey: Array(encryptedKey.bytes))
                info.version = version
                return info
            }
        }

        public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                try coder.serialize(version)
                try coder.serialize(rid)
                try coder.serialize(keyEncryptionAlgorithm)
                try coder.serialize(encryptedKey)
            }
        }
    }
}
