public import Foundation
import GRDB
public import SealAudit
public import SealCrypto

/// The station's audit log (see ``AuditLog``): reading, verifying and signing checkpoints.
extension StationDatabase {
    /// Records `audit.checkpoint` by `officer` and signs the new head with the station CA key `caKey` (and every
    /// 1,000-record boundary not yet signed), recording `reason`; one transaction.
    @discardableResult
    public func signCheckpoints(by officer: String, caKey: any MessageSigner, reason: String, now: Date) throws -> [AuditCheckpointRecord] {
        try write("checkpoint") { db in
            try AuditLog.append(db, officer: officer, action: .auditCheckpoint, object: .audit, details: ["reason": reason], now: now)
            return try AuditLog.signCheckpoints(db, caKey: caKey, reason: reason, now: now, includeHead: true)
        }
    }

    /// Recomputes the whole chain and checks every checkpoint against `publicKey` (the station CA's).
    public func verifyAudit(publicKey: PublicKey) throws -> AuditVerification {
        try read("verify the audit log") { db in try AuditLog.verify(db, publicKey: publicKey) }
    }

    /// At most `limit` audit records from sequence number `since` on, in order.
    public func auditRecords(since: Int64 = 1, limit: Int = 1000) throws -> [AuditRecord] {
        try read("read the audit log") { db in
            try AuditRecord.filter(AuditRecord.Columns.seq >= since).order(AuditRecord.Columns.seq).limit(limit).fetchAll(db)
        }
    }

    /// The audit records about `object` (a seal's history: issue, supersede, revoke…), in order, at most `limit`.
    public func auditRecords(about object: AuditObject, limit: Int = 1000) throws -> [AuditRecord] {
        try read("read the audit log") { db in
            try AuditRecord.filter(AuditRecord.Columns.object == object.description).order(AuditRecord.Columns.seq).limit(limit).fetchAll(db)
        }
    }

    /// The number of audit records.
    public func auditRecordCount() throws -> Int {
        try read("read the audit log") { db in try AuditRecord.fetchCount(db) }
    }
}
