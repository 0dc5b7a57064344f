public import Foundation
import SealASN1
public import SwiftASN1

// FilingManifestInfo ::= SEQUENCE {
//     version            INTEGER (1),
//     bundleID           UTF8String,                 -- the bundle's file name as exported
//     stationID          OCTET STRING (SIZE (32)),   -- SM3 of the station CA certificate
//     sequence           INTEGER,
//     previousBundleSM3  OCTET STRING (SIZE (0 | 32)),  -- empty for bundle 1
//     bundleSM3          OCTET STRING (SIZE (32)),
//     sealCount          INTEGER,
//     created            GeneralizedTime }
/// What a filing manifest states about its bundle (the part the station CA signs).
public struct FilingManifestInfo: DERImplicitlyTaggable, Hashable, Sendable {
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    /// The only version defined.
    public static let currentVersion = 1

    public var version: Int
    public var bundleID: String
    public var stationID: [UInt8]
    public var sequence: Int64
    public var previousBundleSM3: [UInt8]
    public var bundleSM3: [UInt8]
    public var sealCount: Int
    public var created: GeneralizedTime

    public init(bundleID: String, stationID: [UInt8], sequence: Int64, previousBundleSM3: [UInt8], bundleSM3: [UInt8], sealCount: Int, created: Date) throws {
        self.init(version: Self.currentVersion, bundleID: bundleID, stationID: stationID, sequence: sequence, previousBundleSM3: previousBundleSM3,
                  bundleSM3: bundleSM3, sealCount: sealCount, created: try SESTime.generalizedTime(created))
    }

    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(node, identifier: identifier) { nodes in
            let version = try Int(derEncoded: &nodes)
            let bundleID = try ASN1UTF8String(derEncoded: &nodes)
            let stationID = try ASN1OctetString(derEncoded: &nodes)
            let sequence = try Int64(derEncoded: &nodes)
            let previous = try ASN1OctetString(derEncoded: &nodes)
            let bundleSM3 = try ASN1OctetString(derEncoded: &nodes)
            let sealCount = try Int(derEncoded: &nodes)
            let created = try GeneralizedTime(derEncoded: &nodes)
            return FilingManifestInfo(
                version: version, bundleID: String(bundleID), stationID: Array(stationID.bytes), sequence: sequence,
                previousBundleSM3: Array(previous.bytes), bundleSM3: Array(bundleSM3.bytes), sealCount: sealCount, created: created)
        }
    }

    private init(version: Int, bundleID: String, stationID: [UInt8], sequence: Int64, previousBundleSM3: [UInt8], bundleSM3: [UInt8], sealCount: Int, created: GeneralizedTime) {
        self.version = version
        self.bundleID = bundleID
        self.stationID = stationID
        self.sequence = sequence
        self.previousBundleSM3 = previousBundleSM3
        self.bundleSM3 = bundleSM3
        self.sealCount = sealCount
        self.created = created
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(version)
            try coder.serialize(ASN1UTF8String(bundleID))
            try coder.serialize(ASN1OctetString(contentBytes: stationID[...]))
            try coder.serialize(sequence)
            try coder.serialize(ASN1OctetString(contentBytes: previousBundleSM3[...]))
            try coder.serialize(ASN1OctetString(contentBytes: bundleSM3[...]))
            try coder.serialize(sealCount)
            try coder.serialize(created)
        }
    }
}
