public import SwiftASN1

extension SESv4 {
    // SES_SealInfo ::= SEQUENCE {
    //     header    SES_Header,               -- 印章头
    //     esID      IA5String,                -- 电子印章标识
    //     property  SES_ESPropertyInfo,       -- 印章属性信息
    //     picture   SES_ESPictrueInfo,        -- 印章图像数据
    //     extDatas  ExtensionDatas OPTIONAL   -- 自定义数据 (untagged, as every producer writes it)
    // }                                                   GB/T 38540-2020
    /// 印章信息: what the seal maker signs (its DER, exactly).
    public struct SES_SealInfo: DERImplicitlyTaggable, Hashable, Sendable {
        public static var defaultIdentifier: ASN1Identifier { .sequence }

        public var header: SES_Header
        public var esID: ASN1IA5String
        public var property: SES_ESPropertyInfo
        public var picture: SES_ESPictrueInfo
        public var extDatas: ExtensionDatas?

        public init(
            header: SES_Header, esID: String, property: SES_ESPropertyInfo, picture: SES_ESPictrueInfo,
            extDatas: ExtensionDatas?
        ) throws {
            self.header = header
            do {
                self.esID = try ASN1IA5String(esID)
            } catch {
                throw SESFormatError.notASCII(field: "SES_SealInfo.esID")
            }
            self.property = property
            self.picture = picture
            self.extDatas = extDatas
        }

        public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try parsing("SES_SealInfo") {
                try DER.sequence(rootNode, identifier: identifier) { nodes in
                    let header = try SES_Header(derEncoded: &nodes)
                    let esID = try ASN1IA5String(derEncoded: &nodes)
                    let property = try SES_ESPropertyInfo(derEncoded: &nodes)
                    let picture = try SES_ESPictrueInfo(derEncoded: &nodes)
                    let extDatas = try nodes.next().map { try ExtensionDatas(derEncoded: $0) }
                    return SES_SealInfo(header: header, esIDValue: esID, property: property, picture: picture, extDatas: extDatas)
                }
            }
        }

        private init(
            header: SES_Header, esIDValue: ASN1IA5String, property: SES_ESPropertyInfo, picture: SES_ESPictrueInfo,
            extDatas: ExtensionDatas?
        ) {
            self.header = header
            self.esID = esIDValue
            self.property = property
            self.picture = picture
            self.extDatas = extDatas
        }

        public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
            try coder.appendConstructedNode(identifier: identifier) { coder in
                try coder.serialize(header)
                try coder.serialize(esID)
                try coder.serialize(property)
                try coder.serialize(picture)
                if let extDatas { try coder.serialize(extDatas) }
            }
        }
    }
}
