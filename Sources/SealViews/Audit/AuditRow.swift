import SealCrypto
public import SealAudit

/// What is shown about one audit record (`audit show`): its place in the chain, time, officer, action, object, details
/// and hash.
public struct AuditRow: Encodable, Sendable, Hashable {
    public var seq: Int64
    /// The record's own time text (``AuditTime``), as chained.
    public var time: String
    public var officer: String
    public var action: String
    public var object: String
    /// The details as canonical JSON.
    public var details: String
    /// The record's chain hash (SM3), in hex.
    public var hash: String

    /// The row of `record`.
    public init(_ record: AuditRecord) {
        seq = record.seq
        time = record.time
        officer = record.officer
        action = record.action
        object = record.object
        details = record.details
        hash = Hex.encode(record.hash)
    }

    /// The column heads of a list of audit records (the hash is left out of the table).
    public static let header = ["seq", "time", "officer", "action", "object", "details"]
    /// The cells under ``header``.
    public var cells: [String] { ["\(seq)", time, officer, action, object, details] }
}
