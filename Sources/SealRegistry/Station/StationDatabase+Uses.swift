public import Foundation
import GRDB
import SealAudit

/// Use requests (用印申请), their approval, and the use gate every signature passes: one approved use consumed and
/// logged (第十条) per signature.
extension StationDatabase {
    /// Records a request by `officer` to use seal `sealID` `count` times (audited as `use.request`).
    /// - Throws: `sealNotFound`, `invalidTransition` unless the seal is issued.
    public func requestUse(sealID: Int64, reason: String, count: Int, by officer: OfficerRecord, now: Date) throws -> UseRequestRecord {
        try write("request use") { db in
            guard let seal = try SealRecord.fetchOne(db, id: sealID) else { throw RegistryError.sealNotFound(id: sealID) }
            guard seal.state == .issued else {
                throw RegistryError.invalidTransition(object: "seal \(sealID)", from: seal.state.rawValue, action: "used")
            }
            var request = UseRequestRecord(
                sealID: sealID, reason: reason, count: count, used: 0, state: .requested, requesterID: officer.id!, requestedAt: now)
            try request.insert(db)
            try AuditLog.append(db, officer: officer.name, action: .useRequest, object: .use(id: request.id!),
                                details: ["seal": AuditObject.seal(id: sealID).description, "reason": reason, "count": String(count)], now: now)
            return request
        }
    }

    /// Approves use request `id` by `officer`, who may not be its requester (audited as `use.approve`).
    /// - Throws: `useRequestNotFound`, `selfApproval`, `invalidTransition` unless it is `requested`.
    public func approveUse(_ id: Int64, by officer: OfficerRecord, now: Date) throws -> UseRequestRecord {
        try write("approve use") { db in
            guard var request = try UseRequestRecord.fetchOne(db, id: id) else { throw RegistryError.useRequestNotFound(id: id) }
            let requester = try OfficerRecord.fetchOne(db, id: request.requesterID)
            if requester?.name == officer.name { throw RegistryError.selfApproval(officer: officer.name) }
            guard request.state == .requested else {
                throw RegistryError.invalidTransition(object: "use request \(id)", from: request.state.rawValue, action: "approved")
            }
            request.state = .approved
            request.approverID = officer.id
            request.decidedAt = now
            try request.update(db)
            try AuditLog.append(db, officer: officer.name, action: .useApprove, object: .use(id: id), now: now)
            return request
        }
    }

    /// The oldest approved use request of seal `sealID` with uses left, nil when there is none.
    public func openUse(sealID: Int64) throws -> UseRequestRecord? {
        try read("read use requests") { db in try Self.openUse(db, sealID: sealID) }
    }

    static func openUse(_ db: Database, sealID: Int64) throws -> UseRequestRecord? {
        try UseRequestRecord
            .filter(UseRequestRecord.Columns.sealID == sealID && UseRequestRecord.Columns.state == UseRequestState.approved.rawValue
                && UseRequestRecord.Columns.used < UseRequestRecord.Columns.count)
            .order(UseRequestRecord.Columns.id).fetchOne(db)
    }

    /// Authorises and logs one use of seal `sealID` by `officer`, in one transaction: the oldest approved use request
    /// with uses left gives one use (exhausted at its count), the use log row records the document's name and SM3
    /// and the signature's SM3 (第十条) — for a stamp also the stamped document's SM3, the placement and the signature's
    /// id in the document — the `use.sign` audit record names them, and last `commit` runs: the station moves the
    /// signature file or the stamped document into place there, so the file exists if and only if the use is logged.
    /// - Throws: `noApprovedUse` when no approved request has uses left.
    public func recordUse(
        sealID: Int64, by officer: OfficerRecord, documentName: String, documentSM3: String, signatureSM3: String, stamp: UseStamp? = nil,
        now: Date, commit: () throws -> Void
    ) throws -> UseLogRecord {
        try write("record use") { db in
            guard var request = try Self.openUse(db, sealID: sealID) else { throw RegistryError.noApprovedUse(sealID: sealID) }
            request.used += 1
            if request.used >= request.count { request.state = .exhausted }
            try request.update(db)
            var log = UseLogRecord(
                useRequestID: request.id!, sealID: sealID, usedAt: now, reason: request.reason, approverID: request.approverID!,
                officerID: officer.id!, count: 1, documentName: documentName, documentSM3: documentSM3, signatureSM3: signatureSM3, stamp: stamp)
            try log.insert(db)
            var details = [
                "use": AuditObject.use(id: request.id!).description, "document": documentName, "documentSM3": documentSM3,
                "signatureSM3": signatureSM3, "used": "\(request.used)/\(request.count)",
            ]
            if let stamp {
                details["stampedSM3"] = stamp.stampedSM3
                details["placement"] = stamp.placement
                details["signatureID"] = stamp.signatureID
            }
            try AuditLog.append(db, officer: officer.name, action: .useSign, object: .seal(id: sealID), details: details, now: now)
            try commit()
            return log
        }
    }

    /// Use request `id`.
    /// - Throws: `useRequestNotFound`.
    public func useRequest(_ id: Int64) throws -> UseRequestRecord {
        guard let request = try read("read use request \(id)", { db in try UseRequestRecord.fetchOne(db, id: id) }) else {
            throw RegistryError.useRequestNotFound(id: id)
        }
        return request
    }

    /// Use requests in `states`, oldest first; every request when `states` is empty.
    public func useRequests(states: Set<UseRequestState>) throws -> [UseRequestRecord] {
        try read("read use requests") { db in
            var request = UseRequestRecord.order(UseRequestRecord.Columns.id)
            if !states.isEmpty { request = request.filter(states.map(\.rawValue).contains(UseRequestRecord.Columns.state)) }
            return try request.fetchAll(db)
        }
    }

    /// The use log of seal `sealID` (all seals when nil), oldest first.
    public func useLog(sealID: Int64?) throws -> [UseLogRecord] {
        try read("read the use log") { db in
            var request = UseLogRecord.order(UseLogRecord.Columns.id)
            if let sealID { request = request.filter(UseLogRecord.Columns.sealID == sealID) }
            return try request.fetchAll(db)
        }
    }
}
