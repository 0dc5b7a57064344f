import Foundation
import SealCrypto
import SealRegistry

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
        creditCode = seal.creditCode
        template = seal.template
        state = seal.state.rawValue
        validFrom = seal.validFrom
        validTo = seal.validTo
        issuedAt = seal.issuedAt
        replacesSealID = seal.replacesSealID
        revokedAt = seal.revokedAt
        revokeReason = seal.revokeReason
        custody = seal.custody
        sealSM3 = Describe.sm3(Array(seal.sealDER))
    }

    static let header = ["id", "esID", "name", "credit code", "state", "valid until"]
    var cells: [String] { ["\(id)", esID, name, creditCode, state, Output.date(validTo)] }
}

struct ApplicationRow: Encodable {
    var id: Int64
    var unitName: String
    var creditCode: String
    var template: String
    var useName: String?
    var holderName: String?
    var state: String
    var reason: String
    var replacesSealID: Int64?
    var createdAt: Date

    init(_ application: ApplicationRecord) {
        id = application.id ?? 0
        unitName = application.unitName
        creditCode = application.creditCode
        template = application.template
        useName = application.useName
        holderName = application.holderName
        state = application.state.rawValue
        reason = application.reason
        replacesSealID = application.replacesSealID
        createdAt = application.createdAt
    }

    var rows: [(String, String)] {
        var rows = [("application", "\(id)"), ("unit", unitName), ("credit code", creditCode), ("template", template), ("state", state), ("reason", reason)]
        if let useName { rows.append(("use name", useName)) }
        if let holderName { rows.append(("holder", holderName)) }
        if let replacesSealID { rows.append(("replaces seal", "\(replacesSealID)")) }
        return rows
    }
}
