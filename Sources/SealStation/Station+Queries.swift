import Foundation
public import SealRegistry

extension Station {
    /// Filters for seal queries (查询); see ``SealRegistry/SealQuery``.
    public typealias SealQuery = SealRegistry.SealQuery

    /// Seals matching `query`, in id order (a page of `limit` after `afterID`).
    public func seals(_ query: SealQuery) throws -> [SealRecord] {
        try database.seals(query)
    }

    /// The list entries of the seals matching `query` (查询 pages): the same seals as ``seals(_:)``, without their
    /// SES_Seal, image and certificate.
    public func sealListEntries(_ query: SealQuery) throws -> [SealListEntry] {
        try database.sealListEntries(query)
    }

    /// One seal.
    public func seal(_ id: Int64) throws -> SealRecord {
        try database.seal(id)
    }

    /// Applications, newest first (all states when nil).
    public func applications(state: ApplicationState?) throws -> [ApplicationRecord] {
        try database.applications(state: state)
    }

    /// One application.
    public func application(_ id: Int64) throws -> ApplicationRecord {
        try database.application(id)
    }
}

extension Station {
    /// Attachment `index` (0-based) of application `id` with its content; nil when there is none.
    public func attachment(ofApplication id: Int64, index: Int) throws -> AttachmentRecord? {
        try database.attachment(ofApplication: id, index: index)
    }

    /// The attachments of application `id` by name, SM3 and size (their content stays in the registry).
    public func attachments(ofApplication id: Int64) throws -> [AttachmentSummary] {
        try database.attachments(ofApplication: id)
    }

    /// Use requests (用印申请) in `states`, oldest first; every request when `states` is empty.
    public func useRequests(states: Set<UseRequestState>) throws -> [UseRequestRecord] {
        try database.useRequests(states: states)
    }
}
