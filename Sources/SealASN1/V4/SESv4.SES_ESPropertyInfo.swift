public import SwiftASN1

extension SESv4 {
    // SES_ESPropertyInfo ::= SEQUENCE {
    //     type          INTEGER,           -- 印章类型 (may be defined by the business; SealStation: 1 unit, 2 personal)
    //     name          UTF8String,        -- 印章名称
    //     certListType  INTEGER,           -- 1 数字证书, 2 数字证书的杂凑值
    //     certList      SES_CertList,      -- 签章者证书信息列表
    //     createDate    GeneralizedTime,   -- 印章制作时间
    //     validStart    GeneralizedTime,   -- 有效起始时间
    //     validEnd      GeneralizedTime    -- 有效终止时间
    // }                                                   GB/T 38540-2020
    /// 印章属性信息.
    public struct SES_ESPropertyInfo: DERImplicitlyTaggable, Hashable, Sendable {
        public static var defaultIdentifier: ASN1Identifier { .sequence }

        public var type: Int
        public var name: ASN1UTF8String
        public var certList: SES_CertList
        public var createDate: GeneralizedTime
        public var validStart: GeneralizedTime
        public var validEnd: GeneralizedTime

        /// certListType, taken from the certList alternative so the two cannot disagree.
        public var certListType: Int { certList.certListType }

        public init(
            type: Int, name: String, certList: SES_CertList, createDate: GeneralizedTime, validStart: GeneralizedTime,
            validEnd: GeneralizedTime
        ) {
            self.type = type
            self.name = ASN1UTF8String(name)
            self.certList = certList
            self.createDate = createDate
            self.validStart = validStart
            self.validEnd = validEnd
        }

        public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try parsing("SES_ESPropertyInfo") {
                try DER.sequence(rootNode, identifier: identifier) { nodes in
                    let type = try Int(derEncoded: &nodes)
                    let name = try ASN1UTF8String(derEncoded: &nodes)
                    let certListType = try Int(derEncoded: &nodes)
                    guard let listNode = nodes.next() else {
                        throw ASN1Error.invalidASN1Object(reason: "no certList")
                    }
                    return SES_ESPropertyInfo(
                        type: type, nameValue: name, certList: try SES_CertList(derEncoded: listNode, certListType: certListType),
                        createDate: try GeneralizedTime(derEncoded: &nodes), validStart: try GeneralizedTime(derEncoded: &nodes),
                        validEnd: try GeneralizedTime(derEncoded: &nodes))
                }
            }
        }

        private init(
            type: Int, nameValue: ASN1UTF8String, certList: SES_CertList, createDate: GeneralizedTime,
            validStart: GeneralizedTime, validEnd: GeneralizedTime
        ) {
            self.type = type
            self.name = nameValue
            self.certList = certList
            self.createDate = createDate
            self.validStart = validStart
            self.validEnd = validEnd
        }

        public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                try coder.serialize(type)
                try coder.serialize(name)
                try coder.serialize(certListType)
                try certList.serialize(into: &coder)
                try coder.serialize(createDate)
                try coder.serialize(validStart)
                try coder.serialize(validEnd)
            }
        }
    }
}
