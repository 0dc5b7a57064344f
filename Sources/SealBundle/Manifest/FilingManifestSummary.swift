public import Foundation
import SealASN1
import SealCrypto

/// A summary of a manifest for people and scripts.
public struct FilingManifestSummary: Codable, Sendable {
    public var bundleID: String
    public var stationID: String
    public var sequence: Int64
    public var previousBundleSM3: String?
    public var bundleSM3: String
    public var sealCount: Int
    public var created: Date
    public var bytes: Int

    public init(_ manifest: FilingManifest) {
        bundleID = manifest.info.bundleID
        stationID = Hex.encode(manifest.info.stationID)
        sequence = manifest.info.sequence
        previousBundleSM3 = manifest.info.previousBundleSM3.isEmpty ? nil : Hex.encode(manifest.info.previousBundleSM3)
        bundleSM3 = Hex.encode(manifest.info.bundleSM3)
        sealCount = manifest.info.sealCount
        created = SESTime.date(manifest.info.created)
        bytes = manifest.derEncoded.count
    }
}
