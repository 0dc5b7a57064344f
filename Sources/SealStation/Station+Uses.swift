import SealAudit
public import Foundation
import GRDB
public import SealCrypto
import SealPKI
public import SealRegistry
public import SealSES
public import SealToken

extension Station {
    /// Requests `count` uses of an issued seal (经办人).
    public func requestUse(by officer: OfficerRecord, sealID: Int64, reason: String, count: Int, now: Date) throws -> UseRequestRecord {
        try require(officer, .operatorRole, to: "request seal uses")
        guard count > 0 else { throw RegistryError.invalidInput(field: "count", reason: "must be at least 1") }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw RegistryError.invalidInput(field: "reason", reason: "empty") }
        return try transaction("request use") { db in
            guard let seal = try SealRecord.fetchOne(db, id: sealID) else { throw RegistryError.sealNotFound(id: sealID) }
            guard seal.state == .issued else {
                throw RegistryError.invalidTransition(object: "seal \(sealID)", from: seal.state.rawValue, action: "used")
            }
            var request = UseRequestRecord(
                sealID: sealID, reason: reason, count: count, used: 0, state: .requested, requesterID: officer.id!, requestedAt: now)
            try request.insert(db)
            try AuditLog.append(db, officer: officer.name, action: .useRequest, object: .use(id: request.id!),
                                details: ["seal": "seal:\(sealID)", "reason": reason, "count": String(count)], now: now)
            return request
        }
    }

    /// Approves a use request (审批人, not the requester).
    public func approveUse(by officer: OfficerRecord, requestID: Int64, now: Date) throws -> UseRequestRecord {
        try require(officer, .approver, to: "approve seal uses")
        return try transaction("approve use") { db in
            guard var request = try UseRequestRecord.fetchOne(db, id: requestID) else { throw RegistryError.useRequestNotFound(id: requestID) }
            let requester = try OfficerRecord.fetchOne(db, id: request.requesterID)
            if requester?.name == officer.name { throw RegistryError.selfApproval(officer: officer.name) }
            guard request.state == .requested else {
                throw RegistryError.invalidTransition(object: "use request \(requestID)", from: request.state.rawValue, action: "approved")
            }
            request.state = .approved
            request.approverID = officer.id
            request.decidedAt = now
            try request.update(db)
            try AuditLog.append(db, officer: officer.name, action: .useApprove, object: .use(id: requestID), now: now)
            return request
        }
    }

    /// Signs `document` with seal `sealID`, consuming one approved use, and logs the use (第十条: date, reason,
    /// approver, count, the document's SM3). Refused without an approved use request that has uses left. The holder
    /// key file is checked against the holder certificate and the signature verified with it before a use is
    /// consumed: a damaged or foreign key consumes and logs nothing (`SealPKIError.keyFileDoesNotBelong`).
    ///
    /// With `signatureFile`, the signature is written there (0644, never over an existing file) as the last step of the
    /// transaction that consumes the use: the file exists if and only if the use is logged.
    public func sign(
        by officer: OfficerRecord, sealID: Int64, document: [UInt8], documentName: String, holderPassphrase: SecretBytes,
        signatureFile: String? = nil, now: Date
    ) throws -> (signature: ElectronicSignature, log: UseLogRecord) {
        try sign(by: officer, sealID: sealID, document: document, documentName: documentName, signatureFile: signatureFile, now: now) { seal in
            let keyPath = try custodyDirectory(of: seal).appendingPathComponent("holder-key.p8").path
            return try KeyFile.unlock(
                keyPath, passphrase: holderPassphrase, certificate: Certificate(derEncoded: Array(seal.holderCertificate)), role: "holder")
        }
    }

    /// As ``sign(by:sealID:document:documentName:holderPassphrase:now:)`` for a seal whose holder key lives on a
    /// token: the key under CKA_ID = the seal's esID on the token `store` is logged in to.
    public func sign(
        by officer: OfficerRecord, sealID: Int64, document: [UInt8], documentName: String, token store: TokenKeyStore,
        signatureFile: String? = nil, now: Date
    ) throws -> (signature: ElectronicSignature, log: UseLogRecord) {
        try sign(by: officer, sealID: sealID, document: document, documentName: documentName, signatureFile: signatureFile, now: now) { seal in
            guard seal.custody.hasPrefix("token:") else {
                throw RegistryError.invalidInput(field: "custody", reason: "seal \(sealID) is kept in \(seal.custody), not on a token")
            }
            try requirePinnedProfile(store, for: officer.name, to: "sign", now: now)
            return TokenSigner(store: store, key: try store.key(id: Array(seal.esID.utf8)))
        }
    }

    private func sign(
        by officer: OfficerRecord, sealID: Int64, document: [UInt8], documentName: String, signatureFile: String?, now: Date,
        holderKey: (SealRecord) throws -> any MessageSigner
    ) throws -> (signature: ElectronicSignature, log: UseLogRecord) {
        try require(officer, .operatorRole, to: "use seals")
        // The signature file's place is checked before anything is signed or consumed.
        let staged = try signatureFile.map { try StagedFiles(destinations: [$0]) }
        guard let seal = try read({ db in try SealRecord.fetchOne(db, id: sealID) }) else { throw RegistryError.sealNotFound(id: sealID) }
        guard seal.state == .issued else {
            throw RegistryError.invalidTransition(object: "seal \(sealID)", from: seal.state.rawValue, action: "used")
        }
        guard try read({ db in try openUse(db, sealID: sealID) }) != nil else { throw RegistryError.noApprovedUse(sealID: sealID) }
        let signature = try SignatureMaker.sign(
            document: document, documentName: documentName, seal: ElectronicSeal(derEncoded: Array(seal.sealDER)),
            holderKey: holderKey(seal), holderCertificate: Certificate(derEncoded: Array(seal.holderCertificate)), signingTime: now)
        if let staged, let signatureFile { try staged.write(signature.derEncoded, to: signatureFile, mode: ProtectedFile.publicMode) }
        let log: UseLogRecord
        do {
            log = try recordUse(by: officer, sealID: sealID, document: document, documentName: documentName, signature: signature,
                                staged: staged, now: now)
        } catch {
            staged?.rollback()
            throw error
        }
        return (signature, log)
    }

    /// Consumes one approved use and logs it; the staged signature file, if any, moves into place as the last step.
    private func recordUse(
        by officer: OfficerRecord, sealID: Int64, document: [UInt8], documentName: String, signature: ElectronicSignature,
        staged: StagedFiles?, now: Date
    ) throws -> UseLogRecord {
        try transaction("record use") { db -> UseLogRecord in
            guard var request = try openUse(db, sealID: sealID) else { throw RegistryError.noApprovedUse(sealID: sealID) }
            request.used += 1
            if request.used >= request.count { request.state = .exhausted }
            try request.update(db)
            var log = UseLogRecord(
                useRequestID: request.id!, sealID: sealID, usedAt: now, reason: request.reason, approverID: request.approverID!,
                officerID: officer.id!, count: 1, documentName: documentName, documentSM3: Hex.encode(try SM3.hash(document)),
                signatureSM3: Hex.encode(try SM3.hash(signature.derEncoded)))
            try log.insert(db)
            try AuditLog.append(db, officer: officer.name, action: .useSign, object: .seal(id: sealID), details: [
                "use": "use:\(request.id!)", "document": documentName, "documentSM3": log.documentSM3, "signatureSM3": log.signatureSM3,
                "used": "\(request.used)/\(request.count)",
            ], now: now)
            try staged?.commit()
            return log
        }
    }

    /// The station's directory of a seal's files, `issued/<esID>` relative to the station (so a restored station
    /// finds them). Every custody keeps one: with the encrypted key for file custody, public files only for tokens.
    public func custodyDirectory(of seal: SealRecord) throws -> URL {
        directory.appendingPathComponent("issued").appendingPathComponent(seal.esID)
    }

    /// The oldest approved use request of the seal with uses left.
    private func openUse(_ db: Database, sealID: Int64) throws -> UseRequestRecord? {
        try UseRequestRecord
            .filter(Column("sealID") == sealID && Column("state") == UseRequestState.approved.rawValue && Column("used") < Column("count"))
            .order(Column("id")).fetchOne(db)
    }

    /// The use requests of a seal, or of a request id.
    public func useRequest(_ id: Int64) throws -> UseRequestRecord {
        guard let request = try read({ db in try UseRequestRecord.fetchOne(db, id: id) }) else { throw RegistryError.useRequestNotFound(id: id) }
        return request
    }

    /// The use log of a seal (all seals when nil).
    public func useLog(sealID: Int64?) throws -> [UseLogRecord] {
        try read { db in
            var request = UseLogRecord.order(Column("id"))
            if let sealID { request = request.filter(Column("sealID") == sealID) }
            return try request.fetchAll(db)
        }
    }
}
