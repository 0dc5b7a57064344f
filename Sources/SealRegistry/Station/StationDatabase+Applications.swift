public import Foundation
import GRDB
import SealAudit
import SealCrypto
import SealPKI

/// Applications (申请) and their decisions (审批).
extension StationDatabase {
    /// Records `application` (state `applied`) with its attachments, stored by SM3, and its audit record
    /// (`application.apply`, or `application.change` when it replaces a seal, which must be issued).
    /// - Throws: `sealNotFound`, `invalidTransition` for a replaced seal that is not issued.
    public func recordApplication(
        _ application: ApplicationRecord, attachments: [(name: String, content: [UInt8])], by officer: String, now: Date
    ) throws -> ApplicationRecord {
        try write("apply") { db in
            if let replaced = application.replacesSealID {
                guard let seal = try SealRecord.fetchOne(db, id: replaced) else { throw RegistryError.sealNotFound(id: replaced) }
                guard seal.state == .issued else {
                    throw RegistryError.invalidTransition(object: "seal \(replaced)", from: seal.state.rawValue, action: "changed")
                }
            }
            var record = application
            try record.insert(db)
            var attachmentDigests: [String] = []
            for attachment in attachments {
                var row = AttachmentRecord(
                    applicationID: record.id!, name: attachment.name, sm3: Hex.encode(try SM3.hash(attachment.content)),
                    content: Data(attachment.content))
                try row.insert(db)
                attachmentDigests.append("\(row.name):\(row.sm3)")
            }
            var details = ["unit": record.unitName, "creditCode": record.creditCode.value, "template": record.template, "reason": record.reason]
            if !attachmentDigests.isEmpty { details["attachments"] = attachmentDigests.joined(separator: ",") }
            if let replaced = record.replacesSealID { details["replaces"] = AuditObject.seal(id: replaced).description }
            if let holder = record.holderName { details["holder"] = holder }
            try AuditLog.append(db, officer: officer, action: record.replacesSealID == nil ? .applicationApply : .applicationChange,
                                object: .application(id: record.id!), details: details, now: now)
            return record
        }
    }

    /// Decides application `id` (`approved` or `rejected`) by `officer`, who may not be its applicant (第八条);
    /// audited as `application.approve`/`application.reject` with the note.
    /// - Throws: `applicationNotFound`, `selfApproval`, `invalidTransition` unless it is `applied`.
    public func decideApplication(_ id: Int64, to state: ApplicationState, by officer: OfficerRecord, note: String?, now: Date) throws -> ApplicationRecord {
        try write("decide application") { db in
            guard var application = try ApplicationRecord.fetchOne(db, id: id) else { throw RegistryError.applicationNotFound(id: id) }
            let applicant = try OfficerRecord.fetchOne(db, id: application.applicantID)
            if applicant?.name == officer.name { throw RegistryError.selfApproval(officer: officer.name) }
            guard application.state == .applied else {
                throw RegistryError.invalidTransition(object: "application \(id)", from: application.state.rawValue, action: state.rawValue)
            }
            application.state = state
            application.deciderID = officer.id
            application.decisionNote = note
            application.decidedAt = now
            try application.update(db)
            try AuditLog.append(db, officer: officer.name, action: state == .approved ? .applicationApprove : .applicationReject,
                                object: .application(id: id), details: note.map { ["note": $0] } ?? [:], now: now)
            return application
        }
    }

    /// Application `id`.
    /// - Throws: `applicationNotFound`.
    public func application(_ id: Int64) throws -> ApplicationRecord {
        guard let application = try read("read application \(id)", { db in try ApplicationRecord.fetchOne(db, id: id) }) else {
            throw RegistryError.applicationNotFound(id: id)
        }
        return application
    }

    /// Applications, newest first (all states when nil).
    public func applications(state: ApplicationState?) throws -> [ApplicationRecord] {
        try read("read applications") { db in
            var request = ApplicationRecord.order(ApplicationRecord.Columns.id.desc)
            if let state { request = request.filter(ApplicationRecord.Columns.state == state.rawValue) }
            return try request.fetchAll(db)
        }
    }

    /// The attachments of application `id` by name, SM3 and size (their content stays in the registry).
    public func attachments(ofApplication id: Int64) throws -> [AttachmentSummary] {
        try read("read attachments") { db in
            try AttachmentRecord
                .select(AttachmentRecord.Columns.name, AttachmentRecord.Columns.sm3, length(AttachmentRecord.Columns.content).forKey("bytes"))
                .filter(AttachmentRecord.Columns.applicationID == id).order(AttachmentRecord.Columns.id)
                .asRequest(of: Row.self).fetchAll(db)
                .map { AttachmentSummary(name: $0["name"], sm3: $0["sm3"], bytes: $0["bytes"]) }
        }
    }

    /// Attachment `index` (0-based, in the order of ``attachments(ofApplication:)``) of application `id`, with its
    /// content; nil when there is none.
    public func attachment(ofApplication id: Int64, index: Int) throws -> AttachmentRecord? {
        guard index >= 0 else { return nil }
        return try read("read an attachment") { db in
            try AttachmentRecord.filter(AttachmentRecord.Columns.applicationID == id).order(AttachmentRecord.Columns.id)
                .limit(1, offset: index).fetchOne(db)
        }
    }
}
