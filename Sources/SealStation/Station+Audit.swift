public import Foundation
import GRDB
public import SealCrypto
public import SealAudit
public import SealRegistry

extension Station {
    /// Signs the chain head with the station CA key (and any 1,000-record boundary not yet signed), recording why.
    @discardableResult
    public func signCheckpoints(by officer: String, caKey: PrivateKey, reason: String, now: Date) throws -> [AuditCheckpointRecord] {
        try transaction("checkpoint") { db in
            try AuditLog.append(db, officer: officer, action: .auditCheckpoint, object: .audit, details: ["reason": reason], now: now)
            return try Self.signCheckpoints(db, caKey: caKey, reason: reason, now: now, includeHead: true)
        }
    }

    /// Signs every 1,000-record boundary not yet signed and, with `includeHead`, the current head.
    @discardableResult
    static func signCheckpoints(_ db: Database, caKey: PrivateKey, reason: String, now: Date, includeHead: Bool) throws -> [AuditCheckpointRecord] {
        guard let head = try AuditRecord.order(Column("seq").desc).fetchOne(db) else { return [] }
        let signed = Set(try Int64.fetchAll(db, sql: "SELECT seq FROM audit_checkpoint"))
        var targets: [(Int64, String)] = []
        var boundary = AuditLog.checkpointInterval
        while boundary <= head.seq {
            if !signed.contains(boundary) { targets.append((boundary, "every \(AuditLog.checkpointInterval) records")) }
            boundary += AuditLog.checkpointInterval
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

    /// Recomputes the whole chain and checks every checkpoint; names the first bad record and what is wrong.
    public func verifyAudit() throws -> AuditVerification {
        let caKey = ca.certificate.publicKey
        return try read { db in try AuditLog.verify(db, publicKey: caKey) }
    }

    /// Audit records from `since` (sequence number) on.
    public func auditRecords(since: Int64 = 1, limit: Int = 1000) throws -> [AuditRecord] {
        try read { db in try AuditRecord.filter(Column("seq") >= since).order(Column("seq")).limit(limit).fetchAll(db) }
    }
}
