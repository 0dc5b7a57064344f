public import SwiftASN1

extension SESv1 {
    // TBS_Sign ::= SEQUENCE {
    //     version             INTEGER,            -- 签章数据结构版本号
    //     eseal               SESeal,             -- 电子印章
    //     timeInfo            BIT STRING,         -- 签章时间信息 (time-stamp or UTCTime; content vendor-defined)
    //     dataHash            BIT STRING,         -- 原文杂凑值
    //     propertyInfo        IA5String,          -- 原文属性信息
    //     cert                OCTET STRING,       -- 签章人数字证书
    //     signatureAlgorithm  OBJECT IDENTIFIER   -- 签名算法标识
    // }                                                   GM/T 0031-2014 §6.2.1
    /// v1 待电子签章数据.
    public struct TBS_Sign: DERImplicitlyTaggable, Hashable, Sendable {
        public static var defaultIdentifier: ASN1Identifier { .sequence }

        public var version: Int
        public var eseal: SESeal
        public var timeInfo: ASN1BitString
        public var dataHash: ASN1BitString
        public var propertyInfo: ASN1IA5String
        public var cert: ASN1OctetString
        public var signatureAlgorithm: ASN1ObjectIdentifier

        public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try parsing("TBS_Sign (v1)") {
                try DER.sequence(rootNode, identifier: identifier) { nodes in
                    TBS_Sign(
                        version: try Int(derEncoded: &nodes), eseal: try SESeal(derEncoded: &nodes),
                        timeInfo: try ASN1BitString(derEncoded: &nodes), dataHash: try ASN1BitString(derEncoded: &nodes),
                        propertyInfo: try ASN1IA5String(derEncoded: &nodes), cert: try ASN1OctetString(derEncoded: &nodes),
                        signatureAlgorithm: try ASN1ObjectIdentifier(derEncoded: &nodes))
                }
            }
        }

        public init(
            version: Int, eseal: SESeal, timeInfo: ASN1BitString, dataHash: ASN1BitString, propertyInfo: ASN1IA5String,
            cert: ASN1OctetString, signatureAlgorithm: ASN1ObjectIdentifier
        ) {
            self.version = version
            self.eseal = eseal
            self.timeInfo = timeInfo
            self.dataHash = dataHash
            self.propertyInfo = propertyInfo
            self.cert = cert
            self.signatureAlgorithm = signatureAlgorithm
        }

        public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                try coder.serialize(version)
                try coder.serialize(eseal)
                try coder.serialize(timeInfo)
                try coder.serialize(dataHash)
                try coder.serialize(propertyInfo)
                try coder.serialize(cert)
                try coder.serialize(signatureAlgorithm)
            }
        }
    }
}
