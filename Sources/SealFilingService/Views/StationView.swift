public import Foundation
import SealFiling

/// A station in `GET /v1/stations`, with where its bundles stand.
public struct StationView: Codable, Sendable {
    public var id: String
    public var name: String
    public var organization: String
    public var firstImportedAt: Date
    /// Bundles imported, and the highest number among them.
    public var bundles: Int
    public var lastSequence: Int64?
    public var lastImportedAt: Date?
    /// Numbers below the last that were never imported.
    public var missing: [ClosedRange<Int64>]

    init(_ station: FilingStationRecord, bundles: [FilingBundleRecord]) {
        id = station.id
        name = station.name
        organization = station.organization
        firstImportedAt = station.firstImportedAt
        self.bundles = bundles.count
        lastSequence = bundles.map(\.sequence).max()
        lastImportedAt = bundles.map(\.importedAt).max()
        missing = Self.missing(bundles.map(\.sequence))
    }

    /// The numbers from 1 to the highest of `sequences` that are not among them, as ranges.
    static func missing(_ sequences: [Int64]) -> [ClosedRange<Int64>] {
        var gaps: [ClosedRange<Int64>] = []
        var expected: Int64 = 1
        for sequence in Set(sequences).sorted() where sequence >= 1 {
            if sequence > expected { gaps.append(expected...(sequence - 1)) }
            expected = sequence < Int64.max ? sequence + 1 : sequence
        }
        return gaps
    }
}

/// `GET /v1/stations/{id}/bundles`: a station's bundles in sequence order, the numbers missing, and the anomalies
/// accepted with them.
public struct StationBundlesView: Codable, Sendable {
    public var station: StationView
    public var bundles: [Bundle]

    /// One imported bundle.
    public struct Bundle: Codable, Sendable {
        public var sequence: Int64
        public var sm3: String
        public var previousSM3: String?
        public var createdAt: Date
        public var importedAt: Date
        public var seals: Int
        public var uses: Int
        public var crlNumber: Int64?
        /// The gap or break accepted when it was imported (by `sealfiling import --accept-gap`), if any.
        public var anomaly: String?

        init(_ record: FilingBundleRecord) {
            sequence = record.sequence
            sm3 = record.sm3
            previousSM3 = record.previousSM3
            createdAt = record.createdAt
            importedAt = record.importedAt
            seals = record.seals
            uses = record.uses
            crlNumber = record.crlNumber
            anomaly = record.anomaly
        }
    }
}
