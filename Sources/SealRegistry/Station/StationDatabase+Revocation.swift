public import Foundation
import GRDB
import SealAudit
public import SealCrypto
import SealPKI

/// Certificate revocations (the entries of the station's CRLs) and the CRLs the station CA issued.
extension StationDatabase {
    /// Every revocation row, in revocation order (the entries of the next CRL).
    public func revocations() throws -> [CertificateRevocationRecord] {
        try read("read revocations") { db in try Self.revocations(db) }
    }

    static func revocations(_ db: Database) throws -> [CertificateRevocationRecord] {
        try CertificateRevocationRecord.order(CertificateRevocationRecord.Columns.id).fetchAll(db)
    }

    /// The next CRL's number and entries, read in one snapshot.
    public func crlDraft() throws -> CRLDraft {
        try read("read revocations") { db in try Self.crlDraft(db) }
    }

    static func crlDraft(_ db: Database) throws -> CRLDraft {
        let last = try Int64.fetchOne(db, sql: "SELECT MAX(number) FROM crl") ?? 0
        return CRLDraft(number: last + 1, revocations: try revocations(db))
    }

    /// Issues a CRL in one transaction: `make` is given the next number and every revocation row as read inside the
    /// transaction (so no revocation recorded meanwhile is missed) and returns the signed CRL's record, which is
    /// stored with its `crl.issue` audit record by `officer`; checkpoints due are signed with `caKey`.
    public func issueCRL(
        by officer: String, caKey: any MessageSigner, now: Date, make: (CRLDraft) throws -> CRLRecord
    ) throws -> CRLRecord {
        try write("issue a CRL") { db in
            let record = try make(try Self.crlDraft(db))
            try Self.appendCRL(db, record, now: now)
            try AuditLog.signCheckpoints(db, caKey: caKey, reason: "crl \(record.number)", now: now, includeHead: false)
            return record
        }
    }

    /// Stores `record` (numbered one after the last) and its `crl.issue` audit record, inside the caller's transaction.
    static func appendCRL(_ db: Database, _ record: CRLRecord, now: Date) throws {
        let last = try Int64.fetchOne(db, sql: "SELECT MAX(number) FROM crl") ?? 0
        guard record.number == last + 1 else {
            throw RegistryError.invalidTransition(object: "CRL \(record.number)", from: "the last CRL is number \(last)", action: "recorded")
        }
        try record.insert(db)
        try AuditLog.append(db, officer: record.officer, action: .crlIssue, object: .crl(number: record.number), details: [
            "number": String(record.number), "entries": String(record.entries), "sm3": record.sm3,
            "thisUpdate": AuditTime.string(record.thisUpdate), "nextUpdate": AuditTime.string(record.nextUpdate),
        ], now: now)
    }

    /// The last CRL issued, nil before the first.
    public func latestCRL() throws -> CRLRecord? {
        try read("read CRLs") { db in try CRLRecord.order(CRLRecord.Columns.number.desc).fetchOne(db) }
    }

    /// Every CRL issued, in number order.
    public func crls() throws -> [CRLRecord] {
        try read("read CRLs") { db in try CRLRecord.order(CRLRecord.Columns.number).fetchAll(db) }
    }

    /// Puts the holder certificate of `seal` on the revocation list inside the caller's transaction. A certificate
    /// listed already (a changed seal revoked later) keeps its row, unless the new reason says the key was
    /// compromised: then the row takes that reason and invalidity date, since verifiers treat it more strictly.
    static func revokeHolderCertificate(
        _ db: Database, of seal: SealRecord, reason: CRLReason, invalidityDate: Date?, officer: String, now: Date
    ) throws {
        guard let certificate = try? Certificate(derEncoded: Array(seal.holderCertificate)) else {
            throw RegistryError.damagedValue(
                table: "seal", id: seal.id ?? 0, column: "holderCertificate", value: "\(seal.holderCertificate.count) bytes",
                reason: "it is not an X.509 certificate, so it cannot be put on the CRL")
        }
        var row = CertificateRevocationRecord(
            certificate: certificate, sealID: seal.id, role: .holder, revokedAt: now, reason: reason, invalidityDate: invalidityDate,
            officer: officer)
        if var existing = try CertificateRevocationRecord.filter(CertificateRevocationRecord.Columns.certificateSM3 == row.certificateSM3).fetchOne(db) {
            guard reason.isCompromise && !existing.reasonCode.isCompromise else { return }
            existing.reasonCode = reason
            existing.invalidityDate = invalidityDate
            try existing.update(db)
            return
        }
        try row.insert(db)
    }

    /// Records the renewal of the seal-maker certificate, in one transaction: `revocation` (the old maker
    /// certificate's row), the `maker.renew` audit record by `officer` with both certificates' SM3 and the reason,
    /// checkpoints due signed with `caKey`. The station moves the new maker files into place after the commit (and
    /// crash recovery finishes that move when ``makerRenewalRecorded(newCertificateSM3:)`` says it was recorded).
    public func recordMakerRenewal(
        _ revocation: CertificateRevocationRecord, newCertificateSM3: String, caKey: any MessageSigner, now: Date
    ) throws {
        try write("renew the seal maker") { db in
            var row = revocation
            try row.insert(db)
            var details = [
                "oldCertificateSM3": revocation.certificateSM3, "newCertificateSM3": newCertificateSM3,
                "oldSerialNumber": revocation.serialNumber, "reason": revocation.reasonCode.name,
            ]
            if let date = revocation.invalidityDate { details["invalidityDate"] = AuditTime.string(date) }
            try AuditLog.append(db, officer: revocation.officer, action: .makerRenew, object: .station, details: details, now: now)
            try AuditLog.signCheckpoints(db, caKey: caKey, reason: "maker renewal", now: now, includeHead: false)
        }
    }

    /// Whether a `maker.renew` record names `newCertificateSM3` as the new maker certificate.
    public func makerRenewalRecorded(newCertificateSM3: String) throws -> Bool {
        try read("read the audit log") { db in
            try AuditRecord.filter(Column("action") == AuditAction.makerRenew.rawValue).fetchAll(db)
                .contains { $0.detailValues?["newCertificateSM3"] == newCertificateSM3 }
        }
    }
}
