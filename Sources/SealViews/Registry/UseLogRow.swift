public import Foundation
public import SealRegistry

/// What is shown about one entry of the use log (第十条, `use log`): date, reason, approver, officer, count and the
/// document by name and SM3.
public struct UseLogRow: Encodable, Sendable, Hashable {
    public var id: Int64
    public var sealID: Int64
    public var usedAt: Date
    public var reason: String
    /// The approver's name (`?` when unknown).
    public var approver: String
    /// The name of the officer who used the seal (`?` when unknown).
    public var officer: String
    public var count: Int
    /// The document's file name.
    public var document: String
    /// The document's SM3, in hex.
    public var documentSM3: String

    /// The row of `entry`; `officers` maps officer ids to names.
    public init(_ entry: UseLogRecord, officers: [Int64: String]) {
        id = entry.id ?? 0
        sealID = entry.sealID
        usedAt = entry.usedAt
        reason = entry.reason
        approver = officers[entry.approverID] ?? "?"
        officer = officers[entry.officerID] ?? "?"
        count = entry.count
        document = entry.documentName
        documentSM3 = entry.documentSM3
    }

    /// The column heads of the use log.
    public static let header = ["id", "seal", "date", "reason", "approver", "officer", "count", "document", "SM3"]
    /// The cells under ``header`` (the SM3 shortened to 16 digits).
    public var cells: [String] {
        ["\(id)", "\(sealID)", ViewText.date(usedAt), reason, approver, officer, "\(count)", document, String(documentSM3.prefix(16))]
    }
}
