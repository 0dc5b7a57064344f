import Foundation
import SealCrypto
import SealRegistry
import SealStation

/// What the CLI prints about registry rows.
struct SealRow: Encodable {
    var id: Int64
    var esID: String
    var name: String
    var unitName: String
    var creditCode: String
    var template: String
    var state: String
    var validFrom: Date
    var validTo: Date
    var issuedAt: Date
    var replacesSealID: Int64?
    var revokedAt: Date?
    var revokeReason: String?
    var custody: String
    var sealSM3: String

    init(_ seal: SealRecord) {
        id = seal.id ?? 0
        esID = seal.esID
        name = seal.name
        unitName = seal.unitName
        creditCode = seal.creditCode.value
        template = seal.template
        state = seal.state.rawValue
        validFrom = seal.validFrom
        validTo = seal.validTo
        issuedAt = seal.issuedAt
        replacesSealID = seal.replacesSealID
        revokedAt = seal.revokedAt
        revokeReason = seal.revokeReason
        custody = seal.custody.description
        sealSM3 = Describe.sm3(Array(seal.sealDER))
    }

    static let header = ["id", "esID", "name", "credit code", "state", "valid until"]
    var cells: [String] { ["\(id)", esID, name, creditCode, state, Output.date(validTo)] }
}

/// What the CLI prints about an application; `show --application` adds who applied and decided, and the attachments.
struct ApplicationRow: Encodable {
    var id: Int64
    var unitName: String
    var creditCode: String
    var template: String
    var useName: String?
    var holderName: String?
    var holderIDNumber: String?
    var physicalCode: String?
    var state: String
    var reason: String
    var replacesSealID: Int64?
    var createdAt: Date
    var applicant: String?
    var decider: String?
    var decisionNote: String?
    var decidedAt: Date?
    var attachments: [AttachmentSummary]?

    /// `officers` maps officer ids to names (for the applicant and decider); `attachments` are shown when given.
    init(_ application: ApplicationRecord, officers: [Int64: String] = [:], attachments: [AttachmentSummary]? = nil) {
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

    static let header = ["id", "unit", "credit code", "template", "state", "applicant", "applied", "reason"]
    var cells: [String] { ["\(id)", unitName, creditCode, template, state, applicant ?? "", Output.date(createdAt), reason] }

    var rows: [(String, String)] {
        var rows = [("application", "\(id)"), ("unit", unitName), ("credit code", creditCode), ("template", template), ("state", state), ("reason", reason)]
        if let useName { rows.append(("use name", useName)) }
        if let holderName { rows.append(("holder", holderName)) }
        if let holderIDNumber { rows.append(("holder ID", holderIDNumber)) }
        if let physicalCode { rows.append(("physical code", physicalCode)) }
        if let replacesSealID { rows.append(("replaces seal", "\(replacesSealID)")) }
        rows.append(("applied", Output.date(createdAt)))
        if let applicant { rows.append(("applicant", applicant)) }
        if let decider { rows.append((state == ApplicationState.rejected.rawValue ? "rejected by" : "approved by", decider)) }
        if let decidedAt { rows.append(("decided", Output.date(decidedAt))) }
        if let decisionNote { rows.append(("decision note", decisionNote)) }
        for attachment in attachments ?? [] {
            rows.append(("attachment", "\(attachment.name)  \(attachment.bytes) bytes  SM3 \(attachment.sm3)"))
        }
        return rows
    }
}

extension Station {
    /// Officer names by id, for the rows that name officers.
    func officerNames() throws -> [Int64: String] {
        Dictionary(try officers().compactMap { officer in officer.id.map { ($0, officer.name) } }, uniquingKeysWith: { first, _ in first })
    }
}
