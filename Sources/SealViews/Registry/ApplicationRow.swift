public import Foundation
public import SealRegistry
import SealPKI

/// What is shown about a seal application: the applied-for seal, its state, who applied and who decided (by name),
/// and, in a detail view, its attachments.
public struct ApplicationRow: Encodable, Sendable, Hashable {
    public var id: Int64
    public var unitName: String
    /// 统一社会信用代码.
    public var creditCode: String
    public var template: String
    public var useName: String?
    public var holderName: String?
    /// The holder's 公民身份号码.
    public var holderIDNumber: String?
    /// The physical seal's 13-digit code.
    public var physicalCode: String?
    /// applied, approved, rejected or issued.
    public var state: String
    public var reason: String
    public var replacesSealID: Int64?
    public var createdAt: Date
    /// The applicant's name, when known.
    public var applicant: String?
    /// The name of the officer who approved or rejected it, when decided and known.
    public var decider: String?
    public var decisionNote: String?
    public var decidedAt: Date?
    /// The attachments, when shown (absent in lists).
    public var attachments: [AttachmentRow]?

    /// The row of `application`; `officers` maps officer ids to names (for the applicant and decider), and
    /// `attachments` are shown when given.
    public init(_ application: ApplicationRecord, officers: [Int64: String] = [:], attachments: [AttachmentRow]? = nil) {
        id = application.id ?? 0
        unitName = application.unitName
        creditCode = application.creditCode.value
        template = application.template
        useName = application.useName
        holderName = application.holderName
        holderIDNumber = application.holderIDNumber?.value
        physicalCode = application.physicalCode
        state = application.state.rawValue
        reason = application.reason
        replacesSealID = application.replacesSealID
        createdAt = application.createdAt
        applicant = officers[application.applicantID]
        decider = application.deciderID.flatMap { officers[$0] }
        decisionNote = application.decisionNote
        decidedAt = application.decidedAt
        self.attachments = attachments
    }

    /// The column heads of a list of applications.
    public static let header = ["id", "unit", "credit code", "template", "state", "applicant", "applied", "reason"]
    /// The cells under ``header``.
    public var cells: [String] { ["\(id)", unitName, creditCode, template, state, applicant ?? "", ViewText.date(createdAt), reason] }

    /// Label–value rows for a detail view; only what is there.
    public var rows: [(String, String)] {
        var rows = [("application", "\(id)"), ("unit", unitName), ("credit code", creditCode), ("template", template), ("state", state), ("reason", reason)]
        if let useName { rows.append(("use name", useName)) }
        if let holderName { rows.append(("holder", holderName)) }
        if let holderIDNumber { rows.append(("holder ID", holderIDNumber)) }
        if let physicalCode { rows.append(("physical code", physicalCode)) }
        if let replacesSealID { rows.append(("replaces seal", "\(replacesSealID)")) }
        rows.append(("applied", ViewText.date(createdAt)))
        if let applicant { rows.append(("applicant", applicant)) }
        if let decider { rows.append((state == ApplicationState.rejected.rawValue ? "rejected by" : "approved by", decider)) }
        if let decidedAt { rows.append(("decided", ViewText.date(decidedAt))) }
        if let decisionNote { rows.append(("decision note", decisionNote)) }
        for attachment in attachments ?? [] {
            rows.append(("attachment", "\(attachment.name)  \(attachment.bytes) bytes  SM3 \(attachment.sm3)"))
        }
        return rows
    }
}
