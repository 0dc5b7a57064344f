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
        let last = try AuditRecord.order(AuditRecord.Columns.seq.desc).fetchOne(db)
        let record = try AuditRecord.next(after: last, time: now, officer: officer, action: action, object: object, details: details)
        try record.insert(db)
        return record
    }

    /// Recomputes the whole chain and checks every checkpoint against `publicKey` (the station CA's); names every bad
    /// record and what is wrong. The columns are hashed straight from SQLite (`AuditScanner`, no per-row objects).
    public static func verify(_ db: Database, publicKey: PublicKey) throws -> AuditVerification {
        let checkpoints = try AuditCheckpointRecord.order(AuditCheckpointRecord.Columns.seq).fetchAll(db)
        var verifier = try AuditChainVerifier(checkpointed: Set(checkpoints.map(\.seq)))
        try AuditScanner.forEach(db) { row in
            try verifier.check(seq: row.seq, prevHash: row.prevHash, hash: row.hash, field: row.field)
        }
        return verifier.finish(checkpoints: checkpoints.map(\.checkpoint), publicKey: publicKey)
    }

    /// Signs every 1,000-record boundary not yet signed and, with `includeHead`, the current head, with the station CA
    /// key `caKey`, inside the caller's transaction; `reason` is recorded with the head's checkpoint.
    @discardableResult
    static func signCheckpoints(
        _ db: Database, caKey: any MessageSigner, reason: String, now: Date, includeHead: Bool
    ) throws -> [AuditCheckpointRecord] {
        guard let head = try AuditRecord.order(AuditRecord.Columns.seq.desc).fetchOne(db) else { return [] }
        let signed = Set(try AuditCheckpointRecord.select(AuditCheckpointRecord.Columns.seq, as: Int64.self).fetchAll(db))
        var targets: [(Int64, String)] = []
        var boundary = checkpointInterval
        while boundary <= head.seq {
            if !signed.contains(boundary) { targets.append((boundary, "every \(checkpointInterval) records")) }
            boundary += checkpointInterval
        }
        if includeHead && !signed.contains(head.seq) && !targets.contains(where: { $0.0 == head.seq }) { targets.append((head.seq, reason)) }
        var made: [AuditCheckpointRecord] = []
        for (seq, why) in targets {
            guard let record = try AuditRecord.fetchOne(db, key: seq) else { continue }
            var checkpoint = AuditCheckpointRecord(
                seq: seq, hash: record.hash, signedAt: AuditTime.string(now), reason: why,
                signature: Data(try caKey.signature(for: AuditChain.checkpointMessage(seq: seq, hash: record.hash))))
            try checkpoint.insert(db)
            made.append(checkpoint)
        }
        return made
    }
}
