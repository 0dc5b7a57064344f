public import Foundation
import GRDB
import SealAudit
public import SealCrypto

/// Filters for seal queries (查询); nil fields do not filter.
public struct SealQuery: Sendable {
    /// Compared upper-cased (the registry stores codes upper-case).
    public var creditCode: String?
    /// A part of the seal's name.
    public var name: String?
    public var state: SealState?
    public var since: Date?
    public var limit: Int
    public var afterID: Int64?

    public init(creditCode: String? = nil, name: String? = nil, state: SealState? = nil, since: Date? = nil, limit: Int = 50, afterID: Int64? = nil) {
        self.creditCode = creditCode
        self.name = name
        self.state = state
        self.since = since
        self.limit = limit
        self.afterID = afterID
    }
}

/// Issued seals (制作), their changes (变更) and revocations (注销), and queries (查询).
extension StationDatabase {
    /// Records an issued seal, all in one transaction: the seal row, the application marked `issued`, the seal it
    /// replaces (if any) superseded and its holder certificate put on the revocation list (`superseded`), the audit records (`seal.supersede`, `seal.issue` with the SM3s of the seal and
    /// the holder certificate and the custody), the checkpoints due (signed with `caKey`), and last `commit` — the
    /// station moves the holder's files into place there, so they appear only if everything else succeeded.
    /// - Throws: `invalidTransition` when the application is no longer approved or the replaced seal not issued.
    public func recordIssue(
        _ seal: SealRecord, sealSM3: String, holderCertificateSM3: String, by officer: String, caKey: any MessageSigner, now: Date,
        commit: () throws -> Void
    ) throws -> SealRecord {
        try write("issue") { db in
            let applicationID = seal.applicationID
            guard var current = try ApplicationRecord.fetchOne(db, id: applicationID), current.state == .approved else {
                throw RegistryError.invalidTransition(object: "application \(applicationID)", from: "not approved", action: "issued")
            }
            var record = seal
            try record.insert(db)
            if let replaced = record.replacesSealID {
                guard var old = try SealRecord.fetchOne(db, id: replaced), old.state == .issued else {
                    throw RegistryError.invalidTransition(object: "seal \(replaced)", from: "not issued", action: "superseded")
                }
                old.state = .superseded
                try old.update(db)
                try Self.revokeHolderCertificate(db, of: old, reason: .superseded, invalidityDate: nil, officer: officer, now: now)
                try AuditLog.append(db, officer: officer, action: .sealSupersede, object: .seal(id: replaced),
                                    details: ["by": AuditObject.seal(id: record.id!).description, "crlReason": CRLReason.superseded.name], now: now)
            }
            current.state = .issued
            try current.update(db)
            try AuditLog.append(db, officer: officer, action: .sealIssue, object: .seal(id: record.id!), details: [
                "application": AuditObject.application(id: applicationID).description, "esID": record.esID, "sealSM3": sealSM3,
                "holderCertificateSM3": holderCertificateSM3, "custody": record.custody.description,
            ], now: now)
            try AuditLog.signCheckpoints(db, caKey: caKey, reason: "issue", now: now, includeHead: false)
            try commit()
            return record
        }
    }

    /// Revokes seal `id` (issued or superseded) with `reason` (audited as `seal.revoke` by `officer`, with the CRL
    /// reason's name as `crlReason`), and puts its holder certificate on the revocation list with `crlReason` and
    /// `invalidityDate`, in one transaction. A superseded seal's certificate is listed already (`superseded`); it
    /// keeps that row unless `crlReason` is a compromise.
    /// - Throws: `sealNotFound`, `invalidTransition` for a seal revoked already.
    public func revokeSeal(
        _ id: Int64, reason: String, crlReason: CRLReason = .cessationOfOperation, invalidityDate: Date? = nil, by officer: String,
        now: Date
    ) throws -> SealRecord {
        try write("revoke") { db in
            guard var seal = try SealRecord.fetchOne(db, id: id) else { throw RegistryError.sealNotFound(id: id) }
            guard seal.state != .revoked else {
                throw RegistryError.invalidTransition(object: "seal \(id)", from: seal.state.rawValue, action: "revoked")
            }
            seal.state = .revoked
            seal.revokedAt = now
            seal.revokeReason = reason
            try seal.update(db)
            try Self.revokeHolderCertificate(db, of: seal, reason: crlReason, invalidityDate: invalidityDate, officer: officer, now: now)
            var details = ["reason": reason, "crlReason": crlReason.name]
            if let invalidityDate { details["invalidityDate"] = AuditTime.string(invalidityDate) }
            try AuditLog.append(db, officer: officer, action: .sealRevoke, object: .seal(id: id), details: details, now: now)
            return seal
        }
    }

    /// Seal `id`.
    /// - Throws: `sealNotFound`.
    public func seal(_ id: Int64) throws -> SealRecord {
        guard let seal = try read("read seal \(id)", { db in try SealRecord.fetchOne(db, id: id) }) else { throw RegistryError.sealNotFound(id: id) }
        return seal
    }

    /// Seals matching `query`, in id order (a page of `limit` after `afterID`).
    public func seals(_ query: SealQuery) throws -> [SealRecord] {
        try read("query seals") { db in try Self.request(query).fetchAll(db) }
    }

    /// The list entries of the seals matching `query`, in id order: what ``seals(_:)`` returns without the SES_Seal,
    /// image and certificate of each.
    public func sealListEntries(_ query: SealQuery) throws -> [SealListEntry] {
        try read("query seals") { db in try Self.request(query).select(SealListEntry.columns.map { Column($0) }).asRequest(of: SealListEntry.self).fetchAll(db) }
    }

    private static func request(_ query: SealQuery) -> QueryInterfaceRequest<SealRecord> {
        var request = SealRecord.all()
        if let code = query.creditCode { request = request.filter(SealRecord.Columns.creditCode == code.uppercased()) }
        if let name = query.name { request = request.filter(SealRecord.Columns.name.like("%\(name)%")) }
        if let state = query.state { request = request.filter(SealRecord.Columns.state == state.rawValue) }
        if let since = query.since { request = request.filter(SealRecord.Columns.issuedAt >= since) }
        if let after = query.afterID { request = request.filter(SealRecord.Columns.id > after) }
        return request.order(SealRecord.Columns.id).limit(query.limit)
    }

    /// The esID of every recorded seal (crash recovery keeps exactly these directories under `issued/`).
    public func sealESIDs() throws -> Set<String> {
        try read("read seals") { db in Set(try SealRecord.select(SealRecord.Columns.esID, as: String.self).fetchAll(db)) }
    }
}
