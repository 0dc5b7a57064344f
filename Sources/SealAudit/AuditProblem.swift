/// One problem the chain verification found, naming the record.
public enum AuditProblem: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The record's stored hash does not match its content: it was edited.
    case edited(seq: Int64)
    /// The record's content hashes as another position's: records were reordered (swapped).
    case reordered(seq: Int64, carriesRecordOf: Int64)
    /// Records are missing from the sequence: deleted.
    case deleted(from: Int64, through: Int64)
    /// The record's previous-hash does not match the record before it (that one was changed or replaced).
    case brokenLink(seq: Int64)
    /// A checkpoint signed a later record than the log holds: the tail was truncated.
    case truncated(lastRecord: Int64, checkpointed: Int64)
    /// A checkpoint's hash differs from the record it signed: the log was rewritten after the checkpoint.
    case checkpointMismatch(seq: Int64)
    /// A checkpoint's signature does not verify under the station CA's key.
    case checkpointSignatureInvalid(seq: Int64)

    /// The first record concerned (for ordering).
    public var seq: Int64 {
        switch self {
        case .edited(let seq), .reordered(let seq, _), .brokenLink(let seq), .checkpointMismatch(let seq), .checkpointSignatureInvalid(let seq):
            return seq
        case .deleted(let from, _): return from
        case .truncated(let last, _): return last + 1
        }
    }

    public var description: String {
        switch self {
        case .edited(let seq): return "record \(seq) was edited: its hash does not match its content"
        case .reordered(let seq, let other): return "record \(seq) holds the content of record \(other): records were reordered"
        case .deleted(let from, let through):
            return from == through ? "record \(from) was deleted" : "records \(from)–\(through) were deleted"
        case .brokenLink(let seq): return "record \(seq) does not follow record \(seq - 1): record \(seq - 1) was changed or replaced"
        case .truncated(let last, let checkpointed):
            return "the log ends at record \(last) but a signed checkpoint covers record \(checkpointed): records \(last + 1)–\(checkpointed) were truncated"
        case .checkpointMismatch(let seq): return "record \(seq) differs from what its signed checkpoint recorded: the log was rewritten"
        case .checkpointSignatureInvalid(let seq): return "the checkpoint of record \(seq) is not signed by the station key"
        }
    }
}
