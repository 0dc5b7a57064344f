public import Foundation
public import SealRegistry

/// What is shown about a request to use a seal (`use list`): uses made of those asked, its state, and who asked and
/// who decided (by name).
public struct UseRequestRow: Encodable, Sendable, Hashable {
    public var id: Int64
    public var sealID: Int64
    public var reason: String
    public var count: Int
    public var used: Int
    /// requested, approved, rejected or exhausted.
    public var state: String
    /// The requester's name (`?` when unknown).
    public var requester: String
    public var requestedAt: Date
    /// The approver's name, once decided.
    public var approver: String?
    public var decidedAt: Date?

    /// The row of `request`; `officers` maps officer ids to names.
    public init(_ request: UseRequestRecord, officers: [Int64: String]) {
        id = request.id ?? 0
        sealID = request.sealID
        reason = request.reason
        count = request.count
        used = request.used
        state = request.state.rawValue
        requester = officers[request.requesterID] ?? "?"
        requestedAt = request.requestedAt
        approver = request.approverID.flatMap { officers[$0] }
        decidedAt = request.decidedAt
    }

    /// The column heads of a list of use requests.
    public static let header = ["id", "seal", "state", "used", "reason", "requester", "requested", "approver"]
    /// The cells under ``header``.
    public var cells: [String] {
        ["\(id)", "\(sealID)", state, "\(used)/\(count)", reason, requester, ViewText.date(requestedAt), approver ?? ""]
    }
}
