public import Foundation

/// One use of a seal (第十条: date, reason, approver, count), an entry of `data/uses.json`.
public struct UseFiling: Codable, Sendable, Equatable {
    public var esID: String
    public var usedAt: Date
    public var reason: String
    public var approver: String
    public var officer: String
    public var count: Int
    public var documentName: String
    public var documentSM3: String
    public var signatureSM3: String

    public init(esID: String, usedAt: Date, reason: String, approver: String, officer: String, count: Int, documentName: String, documentSM3: String, signatureSM3: String) {
        self.esID = esID
        self.usedAt = usedAt
        self.reason = reason
        self.approver = approver
        self.officer = officer
        self.count = count
        self.documentName = documentName
        self.documentSM3 = documentSM3
        self.signatureSM3 = signatureSM3
    }
}
