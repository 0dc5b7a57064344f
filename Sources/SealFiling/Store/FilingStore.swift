import Foundation
public import SealAudit

/// Where the online side keeps its filings: the stations enrolled, the bundles imported from each, the seals filed
/// (latest state), their uses and the stations' audit records. ``BundleImporter`` decides what an import does over
/// this protocol alone, so every store (``SQLiteFilingStore`` today, a server database later) gets the same policy.
public protocol FilingStore: Sendable {
    /// Runs `body` in one transaction: what it reads is one consistent state, and what it stores is kept only if it
    /// returns (an error rolls everything back).
    func transaction<T>(_ body: (any FilingStoreTransaction) throws -> T) throws -> T

    /// Filed seals matching `query`, newest first (by issue time, then esID).
    func filedSeals(_ query: FiledSealQuery) throws -> [FiledSealRecord]

    /// The bundles imported, by station and sequence.
    func bundles() throws -> [FilingBundleRecord]

    /// How many uses are filed for `esID`.
    func useCount(esID: String) throws -> Int
}

/// What the import policy reads, and the one write it makes, inside a ``FilingStore/transaction(_:)``.
public protocol FilingStoreTransaction {
    /// The station enrolled under `id`, if any.
    func station(id: String) throws -> FilingStationRecord?
    /// The bundle imported with this SM3 (hex), from any station.
    func bundle(sm3: String) throws -> FilingBundleRecord?
    /// The bundle `sequence` of `stationID`, if imported.
    func bundle(stationID: String, sequence: Int64) throws -> FilingBundleRecord?
    /// The station's imported bundle with the highest sequence number.
    func newestBundle(stationID: String) throws -> FilingBundleRecord?
    /// The station's filed audit records whose numbers fall in `seqs`, in order.
    func auditRecords(stationID: String, seqs: ClosedRange<Int64>) throws -> [AuditRecord]
    /// The seal filed under `esID` (by any station).
    func filedSeal(esID: String) throws -> FiledSealRecord?
    /// Stores everything one import adds.
    func store(_ filing: FilingImport) throws
}

/// Which filed seals to list: a unit's (by 统一社会信用代码) and/or one esID.
public struct FiledSealQuery: Sendable, Equatable {
    /// Upper-case, as filed.
    public var creditCode: String?
    public var esID: String?

    /// Normalises what was typed: surrounding spaces dropped, the code upper-cased (GB 32100 codes are filed in upper
    /// case, and the station accepts them in either).
    public init(creditCode: String? = nil, esID: String? = nil) {
        self.creditCode = creditCode.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        self.esID = esID.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

extension FilingStore {
    /// Filed seals of a unit (by 统一社会信用代码, any case) or one seal by esID, newest first.
    public func filedSeals(creditCode: String? = nil, esID: String? = nil) throws -> [FiledSealRecord] {
        try filedSeals(FiledSealQuery(creditCode: creditCode, esID: esID))
    }
}
