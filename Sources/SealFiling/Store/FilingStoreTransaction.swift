public import SealAudit

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
    /// The station's filed CRL numbered `number`, if any.
    func crl(stationID: String, number: Int64) throws -> FiledCRLRecord?
    /// The CRL carried by the station's nearest imported bundle before bundle `sequence` that carried one.
    func crl(stationID: String, carriedBefore sequence: Int64) throws -> FiledCRLRecord?
    /// The CRL carried by the station's nearest imported bundle after bundle `sequence` that carried one (for a late
    /// bundle).
    func crl(stationID: String, carriedAfter sequence: Int64) throws -> FiledCRLRecord?
    /// Every certificate the station's filed CRL `crlNumber` lists.
    func crlEntries(stationID: String, crlNumber: Int64) throws -> [FiledRevocationRecord]
    /// Stores everything one import adds.
    func store(_ filing: FilingImport) throws
}
