import Foundation

/// Where the online side keeps its filings: the stations enrolled, the bundles imported from each, the seals filed
/// (latest state), their uses and the stations' audit records. ``ImportPolicy`` decides what an import does over
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

extension FilingStore {
    /// Filed seals of a unit (by 统一社会信用代码, any case) or one seal by esID, newest first.
    public func filedSeals(creditCode: String? = nil, esID: String? = nil) throws -> [FiledSealRecord] {
        try filedSeals(FiledSealQuery(creditCode: creditCode, esID: esID))
    }
}
