public import SealAudit

/// What a ``FilingStore`` holds that bears on one import, read inside the import's transaction for a
/// ``FilingSnapshotRequest``: the policy (``ImportPolicy``) decides from this alone, so every store gets the same policy.
/// A question outside the request throws ``FilingStoreError/outsideSnapshot(_:)`` rather than answering "none".
public struct FilingSnapshot: Sendable {
    public let request: FilingSnapshotRequest
    /// The station enrolled under the request's station id.
    public var station: FilingStationRecord?
    /// The bundle imported with the request's SM3, from any station.
    public var bundleWithSM3: FilingBundleRecord?
    /// The newest imported bundle of the request's station and of the station of ``bundleWithSM3``.
    public var newestBundles: [String: FilingBundleRecord]
    /// The request station's imported bundles numbered around the request's sequence.
    public var neighbours: [Int64: FilingBundleRecord]
    /// The request station's filed audit records in the request's range, in order.
    public var auditRecords: [AuditRecord]
    /// The filed seals among the request's esIDs (by any station).
    public var filedSeals: [String: FiledSealRecord]
    /// The filed CRL numbered as the bundle's CRL.
    public var crlWithNumber: FiledCRLRecord?
    /// The CRL of the station's nearest imported bundle before and after the request's sequence that carried one.
    public var crlBefore: FiledCRLRecord?
    public var crlAfter: FiledCRLRecord?
    /// The entries of ``crlBefore`` and ``crlAfter``, by CRL number.
    public var crlEntries: [Int64: [FiledRevocationRecord]]

    public init(request: FilingSnapshotRequest, station: FilingStationRecord?, bundleWithSM3: FilingBundleRecord?,
                newestBundles: [String: FilingBundleRecord], neighbours: [Int64: FilingBundleRecord], auditRecords: [AuditRecord],
                filedSeals: [String: FiledSealRecord], crlWithNumber: FiledCRLRecord?, crlBefore: FiledCRLRecord?, crlAfter: FiledCRLRecord?,
                crlEntries: [Int64: [FiledRevocationRecord]]) {
        self.request = request
        self.station = station
        self.bundleWithSM3 = bundleWithSM3
        self.newestBundles = newestBundles
        self.neighbours = neighbours
        self.auditRecords = auditRecords
        self.filedSeals = filedSeals
        self.crlWithNumber = crlWithNumber
        self.crlBefore = crlBefore
        self.crlAfter = crlAfter
        self.crlEntries = crlEntries
    }

    /// The station ids whose newest bundle a store reads: the request's, and that of the bundle with its SM3.
    public static func newestBundleStations(_ request: FilingSnapshotRequest, bundleWithSM3: FilingBundleRecord?) -> [String] {
        [request.stationID] + (bundleWithSM3.map { $0.stationID == request.stationID ? [] : [$0.stationID] } ?? [])
    }

    // MARK: - The policy's questions

    private func requireStation(_ stationID: String, _ question: String) throws {
        guard stationID == request.stationID else { throw FilingStoreError.outsideSnapshot("\(question) of station \(stationID)") }
    }

    /// The station enrolled under `id`, if any.
    public func station(id: String) throws -> FilingStationRecord? {
        try requireStation(id, "the enrolment")
        return station
    }

    /// The bundle imported with this SM3 (hex), from any station.
    public func bundle(sm3: String) throws -> FilingBundleRecord? {
        guard sm3 == request.sm3 else { throw FilingStoreError.outsideSnapshot("the bundle with SM3 \(sm3)") }
        return bundleWithSM3
    }

    /// The bundle `sequence` of `stationID`, if imported.
    public func bundle(stationID: String, sequence: Int64) throws -> FilingBundleRecord? {
        try requireStation(stationID, "bundle \(sequence)")
        // Bundles are numbered from 1: the one before the first is never there.
        if sequence < 1 { return nil }
        guard request.neighbourSequences.contains(sequence) else { throw FilingStoreError.outsideSnapshot("bundle \(sequence)") }
        return neighbours[sequence]
    }

    /// The station's imported bundle with the highest sequence number.
    public func newestBundle(stationID: String) throws -> FilingBundleRecord? {
        guard Self.newestBundleStations(request, bundleWithSM3: bundleWithSM3).contains(stationID) else {
            throw FilingStoreError.outsideSnapshot("the newest bundle of station \(stationID)")
        }
        return newestBundles[stationID]
    }

    /// The station's filed audit records whose numbers fall in `seqs`, in order.
    public func auditRecords(stationID: String, seqs: ClosedRange<Int64>) throws -> [AuditRecord] {
        try requireStation(stationID, "audit records")
        guard request.auditSeqs.contains(seqs.lowerBound), request.auditSeqs.contains(seqs.upperBound) else {
            throw FilingStoreError.outsideSnapshot("audit records \(seqs.lowerBound)–\(seqs.upperBound)")
        }
        return auditRecords.filter { seqs.contains($0.seq) }
    }

    /// The seal filed under `esID` (by any station).
    public func filedSeal(esID: String) throws -> FiledSealRecord? {
        guard let seal = filedSeals[esID] else {
            guard request.esIDs.contains(esID) else { throw FilingStoreError.outsideSnapshot("the filed seal \(esID)") }
            return nil
        }
        return seal
    }

    /// The station's filed CRL numbered `number`, if any.
    public func crl(stationID: String, number: Int64) throws -> FiledCRLRecord? {
        try requireStation(stationID, "CRL \(number)")
        guard number == request.crlNumber else { throw FilingStoreError.outsideSnapshot("CRL \(number)") }
        return crlWithNumber
    }

    /// The CRL carried by the station's nearest imported bundle before bundle `sequence` that carried one.
    public func crl(stationID: String, carriedBefore sequence: Int64) throws -> FiledCRLRecord? {
        try requireStation(stationID, "the CRL before bundle \(sequence)")
        guard sequence == request.sequence else { throw FilingStoreError.outsideSnapshot("the CRL before bundle \(sequence)") }
        return crlBefore
    }

    /// The CRL carried by the station's nearest imported bundle after bundle `sequence` that carried one.
    public func crl(stationID: String, carriedAfter sequence: Int64) throws -> FiledCRLRecord? {
        try requireStation(stationID, "the CRL after bundle \(sequence)")
        guard sequence == request.sequence else { throw FilingStoreError.outsideSnapshot("the CRL after bundle \(sequence)") }
        return crlAfter
    }

    /// Every certificate the station's filed CRL `crlNumber` lists (of the CRLs before and after the bundle).
    public func crlEntries(stationID: String, crlNumber: Int64) throws -> [FiledRevocationRecord] {
        try requireStation(stationID, "the entries of CRL \(crlNumber)")
        guard let entries = crlEntries[crlNumber] else { throw FilingStoreError.outsideSnapshot("the entries of CRL \(crlNumber)") }
        return entries
    }
}
