public import SwiftASN1

extension SESv4 {
    // SES_Signature ::= SEQUENCE {
    //     toSign          TBS_Sign,           -- 签章信息
    //     cert            OCTET STRING,       -- 签章者证书 (DER X.509)
    //     signatureAlgID  OBJECT IDENTIFIER,  -- 1.2.156.10197.1.501
    //     signature       BIT STRING,         -- 签章者对 toSign 的签名值
    //     timeStamp       [0] EXPLICIT BIT STRING OPTIONAL   -- 对签名值的时间戳
    // }                                                   GB/T 38540-2020
    /// 电子签章数据. The signer signs the DER of `toSign`; `toSignBytes` are those bytes exactly as read or made.
    public struct SES_Signature: DERImplicitlyTaggable, Hashable, Sendable {
        public static var defaultIdentifier: ASN1Identifier { .sequence }

        public let toSign: TBS_Sign
        /// The DER of `toSign` as read or made: the message the signer's signature covers.
        public let toSignBytes: ArraySlice<UInt8>
        public var cert: ASN1OctetString
        public var signatureAlgID: ASN1ObjectIdentifier
        public var signature: ASN1BitString
        public var timeStamp: ASN1BitString?

        /// A signature over `toSignBytes` (the exact DER that was signed; parsed here to fill `toSign`).
        public init(toSignBytes: [UInt8], cert: [UInt8], signatureAlgID: ASN1ObjectIdentifier, signature: [UInt8]) throws {
            self.toSign = try TBS_Sign(derEncoded: try parsing("TBS_Sign") { try DER.parse(toSignBytes) })
            self.toSignBytes = toSignBytes[...]
            self.cert = ASN1OctetString(contentBytes: cert[...])
            self.signatureAlgID = signatureAlgID
            self.signature = ASN1BitString(bytes: signature[...], paddingBits: 0)
            self.timeStamp = nil
        }

        public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try parsing("SES_Signature") {
                try DER.sequence(rootNode, identifier: identifier) { nodes in
                    guard let toSignNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no toSign") }
                    let toSign = try TBS_Sign(derEncoded: toSignNode)
                    let cert = try ASN1OctetString(derEncoded: &nodes)
                    let algorithm = try ASN1ObjectIdentifier(derEncoded: &nodes)
                    let signature = try ASN1BitString(derEncoded: &nodes)
                    let timeStamp = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) {
                        try ASN1BitString(derEncoded: $0)
                    }
                    return SES_Signature(
                        toSign: toSign, toSignBytes: toSignNode.encodedBytes, cert: cert, signatureAlgID: algorithm,
                        signature: signature, timeStamp: timeStamp)
                }
            }
        }

        private init(
            toSign: TBS_Sign, toSignBytes: ArraySlice<UInt8>, cert: ASN1OctetString, signatureAlgID: ASN1ObjectIdentifier,
            signature: ASN1BitString, timeStamp: ASN1BitString?
        ) {
            self.toSign = toSign
            self.toSignBytes = toSignBytes
            self.cert = cert
            self.signatureAlgID = signatureAlgID
            self.signature = signature
            self.timeStamp = timeStamp
        }

        public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                coder.serializeRawBytes(toSignBytes)
                try coder.serialize(cert)
                try coder.serialize(signatureAlgID)
                try coder.serialize(signature)
                if let timeStamp {
                    try coder.serialize(timeStamp, explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific)
                }
            }
        }
    }
}
