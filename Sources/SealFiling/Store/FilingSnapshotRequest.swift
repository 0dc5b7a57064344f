/// What the import policy will read for one submission (``ImportPolicy/snapshotRequest(for:)``), named before its
/// transaction begins so that every store reads it in a few batched queries.
public struct FilingSnapshotRequest: Sendable, Equatable {
    /// The station the bundle says it comes from.
    public var stationID: String
    /// SM3 (hex) of the bundle file.
    public var sm3: String
    /// The bundle's number: the station's bundles numbered one below to one above it are read.
    public var sequence: Int64
    /// The audit record numbers read: the bundle's own records through the first one after them.
    public var auditSeqs: ClosedRange<Int64>
    /// The esIDs of the bundle's seals.
    public var esIDs: [String]
    /// The number of the CRL the bundle carries, when it carries a readable one.
    public var crlNumber: Int64?

    public init(stationID: String, sm3: String, sequence: Int64, auditSeqs: ClosedRange<Int64>, esIDs: [String], crlNumber: Int64?) {
        self.stationID = stationID
        self.sm3 = sm3
        self.sequence = sequence
        self.auditSeqs = auditSeqs
        self.esIDs = esIDs
        self.crlNumber = crlNumber
    }

    /// The bundle numbers read around ``sequence`` (clamped to the numbers a bundle can have).
    public var neighbourSequences: [Int64] {
        [sequence > Int64.min ? sequence - 1 : nil, sequence, sequence < Int64.max ? sequence + 1 : nil].compactMap { $0 }.filter { $0 >= 1 }
    }
}
