import SealCrypto
public import SealRegistry

/// What is shown about a signed checkpoint of the audit chain (`audit checkpoint`): the record it signs, its hash and
/// why it was made.
public struct AuditCheckpointRow: Encodable, Sendable, Hashable {
    public var seq: Int64
    /// The signed head's chain hash (SM3), in hex.
    public var hash: String
    public var reason: String

    /// The row of `checkpoint`.
    public init(_ checkpoint: AuditCheckpointRecord) {
        seq = checkpoint.seq
        hash = Hex.encode(checkpoint.hash)
        reason = checkpoint.reason
    }

    /// The column heads of a list of checkpoints.
    public static let header = ["seq", "reason", "hash"]
    /// The cells under ``header``.
    public var cells: [String] { ["\(seq)", reason, hash] }
}
