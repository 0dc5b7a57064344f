public import Foundation
public import SealCrypto
public import SealAudit
public import SealRegistry
import SealPKI

extension Station {
    /// Signs the chain head with the station CA key (and any 1,000-record boundary not yet signed), recording why.
    @discardableResult
    public func signCheckpoints(by officer: String, caKey: PrivateKey, reason: String, now: Date) throws -> [AuditCheckpointRecord] {
        try database.signCheckpoints(by: officer, caKey: caKey, reason: reason, now: now)
    }

    /// Recomputes the whole chain and checks every checkpoint; names the first bad record and what is wrong.
    public func verifyAudit() throws -> AuditVerification {
        try database.verifyAudit(publicKey: ca.certificate.publicKey)
    }

    /// Audit records from `since` (sequence number) on.
    public func auditRecords(since: Int64 = 1, limit: Int = 1000) throws -> [AuditRecord] {
        try database.auditRecords(since: since, limit: limit)
    }

    /// The audit records about `object`, in order (a seal's state history on its page).
    public func auditRecords(about object: AuditObject, limit: Int = 1000) throws -> [AuditRecord] {
        try database.auditRecords(about: object, limit: limit)
    }
}
