public import SwiftASN1

extension SESv1 {
    // SES_SignInfo ::= SEQUENCE {
    //     cert                OCTET STRING,       -- 制章人签名证书
    //     signatureAlgorithm  OBJECT IDENTIFIER,  -- 签名算法标识
    //     signData            BIT STRING          -- 制章人的签名值
    // }                                                   GM/T 0031-2014 §6.1.1
    /// v1 印章签名信息.
    public struct SES_SignInfo: DERImplicitlyTaggable, Hashable, Sendable {
        public static var defaultIdentifier: ASN1Identifier { .sequence }

        public var cert: ASN1OctetString
        public var signatureAlgorithm: ASN1ObjectIdentifier
        public var signData: ASN1BitString

        public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try parsing("SES_SignInfo") {
                try DER.sequence(rootNode, identifier: identifier) { nodes in
                    SES_SignInfo(
                        cert: try ASN1OctetString(derEncoded: &nodes),
                        signatureAlgorithm: try ASN1ObjectIdentifier(derEncoded: &nodes),
                        signData: try ASN1BitString(derEncoded: &nodes))
                }
            }
        }

        public init(cert: ASN1OctetString, signatureAlgorithm: ASN1ObjectIdentifier, signData: ASN1BitString) {
            self.cert = cert
            self.signatureAlgorithm = signatureAlgorithm
            self.signData = signData
        }

        public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                try coder.serialize(cert)
                try coder.serialize(signatureAlgorithm)
                try coder.serialize(signData)
            }
        }
    }
}
