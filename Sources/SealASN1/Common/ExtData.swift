public import SwiftASN1

// ExtData ::= SEQUENCE {
//     extnID     OBJECT IDENTIFIER,   -- 自定义扩展字段标识
//     critical   BOOLEAN DEFAULT FALSE,
//     extnValue  OCTET STRING
// }                                                  GM/T 0031-2014 §6.1.1; GB/T 38540-2020 (same shape)
/// 厂商自定义数据. `critical` keeps whether it was encoded: every real producer encodes it, FALSE too, which DER
/// forbids for a DEFAULT value. Reading accepts that (a reported deviation; swift-asn1's `decodeDefault` would
/// throw), re-encoding a parsed ExtData gives the bytes read, and new ExtData are written canonically (FALSE omitted).
public struct ExtData: DERImplicitlyTaggable, Hashable, Sendable {
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    public var extnID: ASN1ObjectIdentifier
    /// The encoded BOOLEAN, or nil when absent (meaning FALSE).
    public var encodedCritical: Bool?
    public var extnValue: ASN1OctetString

    /// Whether the extension is critical.
    public var critical: Bool { encodedCritical ?? false }

    /// Whether the DEFAULT value FALSE is explicitly encoded (a deviation from DER that real producers make).
    public var encodesDefaultCritical: Bool { encodedCritical == false }

    /// New extension data, encoded canonically.
    public init(extnID: ASN1ObjectIdentifier, critical: Bool, extnValue: [UInt8]) {
        self.extnID = extnID
        self.encodedCritical = critical ? true : nil
        self.extnValue = ASN1OctetString(contentBytes: extnValue[...])
    }

    public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try parsing("ExtData") {
            try DER.sequence(rootNode, identifier: identifier) { nodes in
                let id = try ASN1ObjectIdentifier(derEncoded: &nodes)
                var critical: Bool? = nil
                var next = nodes.next()
                if let node = next, node.identifier == .boolean {
                    critical = try Bool(derEncoded: node)
                    next = nodes.next()
                }
                guard let valueNode = next else {
                    throw ASN1Error.invalidASN1Object(reason: "ExtData has no extnValue")
                }
                return ExtData(extnID: id, encodedCritical: critical, extnValue: try ASN1OctetString(derEncoded: valueNode))
            }
        }
    }

    private init(extnID: ASN1ObjectIdentifier, encodedCritical: Bool?, extnValue: ASN1OctetString) {
        self.extnID = extnID
        self.encodedCritical = encodedCritical
        self.extnValue = extnValue
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(extnID)
            if let encodedCritical { try coder.serialize(encodedCritical) }
            try coder.serialize(extnValue)
        }
    }
}
