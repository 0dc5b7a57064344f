public import SealBundle

/// A seal the import policy decided to file: its ``FiledSealRecord`` is made — its files read again from the bundle
/// file — only when the store writes it, so that a bundle's seals are never all in memory at once.
public struct FiledSealSource: Sendable {
    public var entry: FilingBundle.SealEntry
    public var stationID: String
    public var bundleSequence: Int64

    public init(_ entry: FilingBundle.SealEntry, stationID: String, bundleSequence: Int64) {
        self.entry = entry
        self.stationID = stationID
        self.bundleSequence = bundleSequence
    }

    /// The bytes its record holds (`seal.sel`, `seal.svg`, the holder certificate), for sizing the store's batches.
    public var byteCount: Int { entry.sealDER.count + entry.svg.count + entry.holderCertificate.count }

    /// The record to store.
    /// - Throws: `BundleArchiveError` when the bundle file changed since it was verified or cannot be read.
    public func record() throws -> FiledSealRecord {
        try FiledSealRecord(entry, stationID: stationID, bundleSequence: bundleSequence)
    }
}
