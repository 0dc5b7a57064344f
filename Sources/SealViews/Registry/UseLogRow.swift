public import Foundation
public import SealRegistry

/// What is shown about one entry of the use log (第十条, `use log`): date, reason, approver, officer, count and the
/// document by name and SM3; for a seal stamped into a document also the stamped document's SM3, where the seal
/// appears and the signature's id in the document.
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
    /// For a stamp: the stamped document's SM3, in hex.
    public var stampedSM3: String?
    /// For a stamp: where the seal appears ("page 1: 84 229 42 42 mm").
    public var placement: String?
    /// For a stamp: the signature's id in the document.
    public var signatureID: String?

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
        stampedSM3 = entry.stampedSM3
        placement = entry.placement
        signatureID = entry.documentSignatureID
    }

    /// The column heads of the use log.
    public static let header = ["id", "seal", "date", "reason", "approver", "officer", "count", "document", "SM3", "stamp"]
    /// The cells under ``header`` (the SM3 shortened to 16 digits; the stamp's signature id and placement, empty for a
    /// detached signature).
    public var cells: [String] {
        ["\(id)", "\(sealID)", ViewText.date(usedAt), reason, approver, officer, "\(count)", document, String(documentSM3.prefix(16)),
         signatureID.map { "\($0) · \(placement ?? "")" } ?? ""]
    }
}
