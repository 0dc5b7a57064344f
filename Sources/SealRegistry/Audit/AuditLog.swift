public import Foundation
public import GRDB
public import SealAudit
public import SealCrypto

/// The registry's tamper-evident audit log: every state change is one append-only record whose SM3 hash chains the
/// previous record's (see `AuditChain`); the chain head is signed by the station key at checkpoints (every 1,000
/// records, and at every backup and export), so truncation and wholesale rewrites are caught as well as edits.
public enum AuditLog {
    /// Records between automatic checkpoints.
    public static let checkpointInterval: Int64 = 1000

    /// Appends a record inside the caller's transaction.
    @discardableResult
    public static func append(
        _ db: Database, officer: String, action: AuditAction, object: AuditObject, details: [String: String] = [:], now: Date
    ) throws -> AuditRecord {
        let last = try AuditRecord.order(Column("seq").desc).fetchOne(db)
        let record = try AuditRecord.next(after: last, time: now, officer: officer, action: action, object: object, details: details)
        try record.insert(db)
        return record
    }

    /// Recomputes the whole chain and checks every checkpoint against `publicKey` (the station CA's); names every bad
    /// record and what is wrong. The columns are hashed straight from SQLite (`AuditScanner`, no per-row objects).
    public static func verify(_ db: Database, publicKey: PublicKey) throws -> AuditVerification {
        let checkpoints = try AuditCheckpointRecord.order(Column("seq")).fetchAll(db)
        var verifier = try AuditChainVerifier(checkpointed: Set(checkpoints.map(\.seq)))
        try AuditScanner.forEach(db) { row in
            try verifier.check(seq: row.seq, prevHash: row.prevHash, hash: row.hash, field: row.field)
        }
        return verifier.finish(checkpoints: checkpoints.map(\.checkpoint), publicKey: publicKey)
    }
}
