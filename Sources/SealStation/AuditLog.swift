public import Foundation
import GRDB
import SealCrypto
import SealASN1
public import SealRegistry

/// The tamper-evident audit log: every state change is one append-only record whose SM3 hash chains the previous
/// record's; the chain head is signed by the station key at checkpoints (every 1,000 records, and at every backup
/// and export), so truncation and wholesale rewrites are caught as well as edits.
public enum AuditLog {
    /// Records between automatic checkpoints.
    public static let checkpointInterval: Int64 = 1000
    /// The previous hash of the first record.
    public static let genesis = AuditChain.genesis

    /// The chain hash of a record with these fields (for tools that build chains, such as the benchmark).
    public static func chainHash(prevHash: Data, seq: Int64, time: String, officer: String, action: String, object: String, details: String) throws -> Data {
        try AuditChain.hash(prevHash: prevHash, seq: seq, time: time, officer: officer, action: action, object: object, details: details)
    }

    /// The size of a record's canonical fields in bytes.
    public static func canonicalSize(of record: AuditRecord) -> Int {
        AuditChain.canonical(seq: record.seq, time: record.time, officer: record.officer, action: record.action, object: record.object,
                             details: record.details).count
    }

    /// Details as canonical JSON (sorted keys).
    static func details(_ values: [String: String]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: values, options: [.sortedKeys, .withoutEscapingSlashes]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Appends a record inside the caller's transaction.
    @discardableResult
    static func append(_ db: Database, officer: String, action: String, object: String, details values: [String: String] = [:], now: Date) throws -> AuditRecord {
        let last = try AuditRecord.order(Column("seq").desc).fetchOne(db)
        let seq = (last?.seq ?? 0) + 1, prevHash = last?.hash ?? genesis
        let time = SESTime.iso8601(now), details = details(values)
        let record = AuditRecord(
            seq: seq, time: time, officer: officer, action: action, object: object, details: details, prevHash: prevHash,
            hash: try AuditChain.hash(prevHash: prevHash, seq: seq, time: time, officer: officer, action: action, object: object, details: details))
        try record.insert(db)
        return record
    }
}

/// One problem `audit verify` found, naming the record.
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

/// The result of `audit verify`.
public struct AuditVerification: Sendable, Codable {
    public var records: Int
    public var checkpoints: Int
    public var lastSeq: Int64
    public var problems: [AuditProblem]
    public var isValid: Bool { problems.isEmpty }
    /// The first bad record, if any.
    public var firstProblem: AuditProblem? { problems.min { $0.seq < $1.seq } }
}
