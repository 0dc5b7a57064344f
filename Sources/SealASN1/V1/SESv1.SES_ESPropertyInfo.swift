public import SwiftASN1

extension SESv1 {
    // SES_ESPropertyInfo ::= SEQUENCE {
    //     type        INTEGER,              -- 1 单位印章, 2 个人印章
    //     name        UTF8String,           -- 印章名称
    //     certList    SEQUENCE OF cert,     -- 签章人证书列表
    //     createDate  UTCTime,              -- 印章制作日期
    //     validStart  UTCTime,              -- 有效起始日期
    //     validEnd    UTCTime               -- 有效终止日期
    // }                                                   GM/T 0031-2014 §6.1.1
    /// v1 印章属性信息.
    public struct SES_ESPropertyInfo: DERImplicitlyTaggable, Hashable, Sendable {
        public static var defaultIdentifier: ASN1Identifier { .sequence }

        public var type: Int
        public var name: ASN1UTF8String
        public var certList: [SES_CertEntry]
        public var createDate: UTCTime
        public var validStart: UTCTime
        public var validEnd: UTCTime

        public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try parsing("SES_ESPropertyInfo (v1)") {
                try DER.sequence(rootNode, identifier: identifier) { nodes in
                    SES_ESPropertyInfo(
                        type: try Int(derEncoded: &nodes), name: try ASN1UTF8String(derEncoded: &nodes),
                        certList: try DER.sequence(of: SES_CertEntry.self, identifier: .sequence, nodes: &nodes),
                        createDate: try UTCTime(derEncoded: &nodes), validStart: try UTCTime(derEncoded: &nodes),
                        validEnd: try UTCTime(derEncoded: &nodes))
                }
            }
        }

        public init(
            type: Int, name: ASN1UTF8String, certList: [SES_CertEntry], createDate: UTCTime, validStart: UTCTime,
            validEnd: UTCTime
        ) {
            self.type = type
            self.name = name
            self.certList = certList
            self.createDate = createDate
            self.validStart = validStart
            self.validEnd = validEnd
        }

        public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                try coder.serialize(type)
                try coder.serialize(name)
                try coder.serializeSequenceOf(certList)
                try coder.serialize(createDate)
                try coder.serialize(validStart)
                try coder.serialize(validEnd)
            }
        }
    }
}
