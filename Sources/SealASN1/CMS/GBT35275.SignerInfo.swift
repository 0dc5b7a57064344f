public import SwiftASN1

extension GBT35275 {
    // SignerInfo ::= SEQUENCE {
    //     version                  CMSVersion,                      -- 1 (issuerAndSerialNumber)
    //     sid                      IssuerAndSerialNumber,
    //     digestAlgorithm          DigestAlgorithmIdentifier,       -- SM3
    //     signedAttrs              [0] IMPLICIT SET OF Attribute,
    //     signatureAlgorithm       SignatureAlgorithmIdentifier,    -- SM2-1 (1.2.156.10197.1.301.1)
    //     signature                OCTET STRING }                   -- DER SEQUENCE{r, s}
    //                                                                 RFC 5652 §5.3, GB/T 35275 §9
    /// One signer. The signature covers the DER of `signedAttributes` tagged as a SET (RFC 5652 §5.4):
    /// ``signedAttributesForSigning``.
    public struct SignerInfo: DERSerializable, Hashable, Sendable {
        public var sid: IssuerAndSerialNumber
        public var signedAttributes: [Attribute]
        public var signature: [UInt8]

        public init(sid: IssuerAndSerialNumber, signedAttributes: [Attribute], signature: [UInt8]) {
            self.sid = sid
            self.signedAttributes = signedAttributes
            self.signature = signature
        }

        /// The bytes the signer signs: `SET OF Attribute` in DER (elements in DER order), with the SET tag.
        public static func signedAttributesForSigning(_ attributes: [Attribute]) throws -> [UInt8] {
            var serializer = DER.Serializer()
            try serializer.serializeSetOf(attributes, identifier: .set)
            return serializer.serializedBytes
        }

        public func serialize(into coder: inout DER.Serializer) throws {
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(1)
                try coder.serialize(sid)
                try coder.serialize(AlgorithmIdentifier(GBT35275.sm3))
                try coder.serializeSetOf(signedAttributes, identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific))
                try coder.serialize(AlgorithmIdentifier(GBT35275.sm2Signature))
                try coder.serialize(ASN1OctetString(contentBytes: signature[...]))
            }
        }
    }
}
