public import SwiftASN1

// SES_Header ::= SEQUENCE {
//     ID       IA5String,     -- 头标识, fixed "ES"
//     version  INTEGER,       -- 版本号: v1 1 (the 2014 text's example says 11), v4 4, v5 5
//     Vid      IA5String      -- 厂商标识
// }                                                  GM/T 0031-2014 §6.1.1; GB/T 38540-2020 (same shape)
/// 印章头: the seal header, shared by v1 and v4.
public struct SES_Header: DERImplicitlyTaggable, Hashable, Sendable {
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    /// The fixed identifier "ES".
    public static let expectedID = "ES"

    public var id: ASN1IA5String
    public var version: Int
    public var vid: ASN1IA5String

    /// A header for `version` from vendor `vid` (ASCII).
    public init(version: Int, vid: String) throws {
        self.id = try ASN1IA5String(Self.expectedID)
        self.version = version
        do {
            self.vid = try ASN1IA5String(vid)
        } catch {
            throw SESFormatError.notASCII(field: "SES_Header.Vid")
        }
    }

    public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try parsing("SES_Header") {
            try DER.sequence(rootNode, identifier: identifier) { nodes in
                let id = try ASN1IA5String(derEncoded: &nodes)
                guard String(id) == Self.expectedID else { throw SESFormatError.badHeaderID(String(id)) }
                let version = try Int(derEncoded: &nodes)
                let vid = try ASN1IA5String(derEncoded: &nodes)
                return SES_Header(id: id, version: version, vid: vid)
            }
        }
    }

    private init(id: ASN1IA5String, version: Int, vid: ASN1IA5String) {
        self.id = id
        self.version = version
        self.vid = vid
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(id)
            try coder.serialize(version)
            try coder.serialize(vid)
        }
    }
}
