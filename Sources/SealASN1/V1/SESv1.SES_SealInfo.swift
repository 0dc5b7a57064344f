public import SwiftASN1

extension SESv1 {
    // SES_SealInfo ::= SEQUENCE {
    //     header    SES_Header,
    //     esID      IA5String,
    //     property  SES_ESPropertyInfo,
    //     picture   SES_ESPictrueInfo,
    //     extDatas  ExtensionDatas OPTIONAL   -- printed "EXPLICIT" without a tag number; untagged in every file
    // }                                                   GM/T 0031-2014 §6.1.1
    /// v1 印章信息.
    public struct SES_SealInfo: DERImplicitlyTaggable, Hashable, Sendable {
        public static var defaultIdentifier: ASN1Identifier { .sequence }

        public var header: SES_Header
        public var esID: ASN1IA5String
        public var property: SES_ESPropertyInfo
        public var picture: SES_ESPictrueInfo
        public var extDatas: ExtensionDatas?

        public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
            self = try parsing("SES_SealInfo (v1)") {
                try DER.sequence(rootNode, identifier: identifier) { nodes in
                    SES_SealInfo(
                        header: try SES_Header(derEncoded: &nodes), esID: try ASN1IA5String(derEncoded: &nodes),
                        property: try SES_ESPropertyInfo(derEncoded: &nodes), picture: try SES_ESPictrueInfo(derEncoded: &nodes),
                        extDatas: try nodes.next().map { try ExtensionDatas(derEncoded: $0) })
                }
            }
        }

        public init(
            header: SES_Header, esID: ASN1IA5String, property: SES_ESPropertyInfo, picture: SES_ESPictrueInfo,
            extDatas: ExtensionDatas?
        ) {
            self.header = header
            self.esID = esID
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
