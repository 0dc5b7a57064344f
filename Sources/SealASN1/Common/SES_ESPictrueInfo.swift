public import SwiftASN1

// SES_ESPictrueInfo ::= SEQUENCE {
//     type    IA5String,      -- 图片类型 (GIF, BMP, JPG, PNG, SVG …)
//     data    OCTET STRING,   -- 图片数据
//     width   INTEGER,        -- 显示宽度, 毫米
//     height  INTEGER         -- 显示高度, 毫米
// }                                                  GM/T 0031-2014 §6.1.1; GB/T 38540-2020 (same shape)
/// 印章图片信息. "Pictrue" [sic] is the standard's (and ofdrw's) spelling; GM/T 0031-2025 writes "Picture".
public struct SES_ESPictrueInfo: DERImplicitlyTaggable, Hashable, Sendable {
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    public var type: ASN1IA5String
    public var data: ASN1OctetString
    public var width: Int
    public var height: Int

    /// A picture of `type` ("PNG", "SVG"…) shown `width` × `height` millimetres.
    public init(type: String, data: [UInt8], widthMM: Int, heightMM: Int) throws {
        do {
            self.type = try ASN1IA5String(type)
        } catch {
            throw SESFormatError.notASCII(field: "SES_ESPictrueInfo.type")
        }
        self.data = ASN1OctetString(contentBytes: data[...])
        self.width = widthMM
        self.height = heightMM
    }

    public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try parsing("SES_ESPictrueInfo") {
            try DER.sequence(rootNode, identifier: identifier) { nodes in
                SES_ESPictrueInfo(
                    type: try ASN1IA5String(derEncoded: &nodes), data: try ASN1OctetString(derEncoded: &nodes),
                    width: try Int(derEncoded: &nodes), height: try Int(derEncoded: &nodes))
            }
        }
    }

    private init(type: ASN1IA5String, data: ASN1OctetString, width: Int, height: Int) {
        self.type = type
        self.data = data
        self.width = width
        self.height = height
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(type)
            try coder.serialize(data)
            try coder.serialize(width)
            try coder.serialize(height)
        }
    }
}
