public import SwiftASN1

extension SESv4 {
    // TBS_Sign ::= SEQUENCE {
    //     version       INTEGER,              -- 4 (= the seal's version)
    //     eseal         SESeal,               -- 电子印章
    //     timeInfo      GeneralizedTime,      -- 签章时间
    //     dataHash      BIT STRING,           -- 原文杂凑值 (SM3)
    //     propertyInfo  IA5String,            -- 原文数据的属性
    //     extDatas      [0] EXPLICIT ExtensionDatas OPTIONAL
    // }                                                   GB/T 38540-2020
    /// 签章信息: what the signer signs (its DER, exactly). The standard prints only `[0]`; EXPLICIT is what ofdrw
    /// writes and reads and what the one real file with extDatas uses (ses-structures.md §1.2), so we read and write
    /// EXPLICIT.
    public struct TBS_Sign: DERImplicitlyTaggable, Hashable, Sendable {
        public static var defaultIdentifier: ASN1Identifier { .sequence }

        public var version: Int
        public var eseal: SESeal
        public var timeInfo: GeneralizedTime
        public var dataHash: ASN1BitString
        public var propertyInfo: ASN1IA5String
        public var extDatas: ExtensionDatas?

        public init(
            version: Int, eseal: SESeal, timeInfo: GeneralizedTime, dataHash: [UInt8], propertyInfo: String,
            extDatas: ExtensionDatas?
        ) throws {
            self.version = version
            self.eseal = eseal
            self.timeInfo = timeInfo
            self.dataHash = ASN1BitString(bytes: dataHash[...], paddingBits: 0)
            do {
                self.propertyInfo = try ASN1IA5String(propertyInfo)
            } catch {
                throw SESFormatError.notASCII(field: "TBS_Sign.propertyInfo")
            }
            self.extDatas = extDatas
        }

        public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try parsing("TBS_Sign") {
                try DER.sequence(rootNode, identifier: identifier) { nodes in
                    let version = try Int(derEncoded: &nodes)
                    let eseal = try SESeal(derEncoded: &nodes)
                    let timeInfo = try GeneralizedTime(derEncoded: &nodes)
                    let dataHash = try ASN1BitString(derEncoded: &nodes)
                    let propertyInfo = try ASN1IA5String(derEncoded: &nodes)
                    let extDatas = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) {
                        try ExtensionDatas(derEncoded: $0)
                    }
                    return TBS_Sign(
                        version: version, eseal: eseal, timeInfo: timeInfo, dataHashValue: dataHash,
                        propertyInfoValue: propertyInfo, extDatas: extDatas)
                }
            }
        }

        private init(
            version: Int, eseal: SESeal, timeInfo: GeneralizedTime, dataHashValue: ASN1BitString,
            propertyInfoValue: ASN1IA5String, extDatas: ExtensionDatas?
        ) {
            self.version = version
            self.eseal = eseal
            self.timeInfo = timeInfo
            self.dataHash = dataHashValue
            self.propertyInfo = propertyInfoValue
            self.extDatas = extDatas
        }

        public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                try coder.serialize(version)
                try coder.serialize(eseal)
                try coder.serialize(timeInfo)
                try coder.serialize(dataHash)
                try coder.serialize(propertyInfo)
                if let extDatas {
                    try coder.serialize(extDatas, explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific)
                }
            }
        }
    }
}
