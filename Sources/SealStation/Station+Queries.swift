public import Foundation
import GRDB
public import SealRegistry

extension Station {
    /// Filters for seal queries (查询); nil fields do not filter.
    public struct SealQuery: Sendable {
        public var creditCode: String?
        public var name: String?
        public var state: SealState?
        public var since: Date?
        public var limit: Int
        public var afterID: Int64?

        public init(creditCode: String? = nil, name: String? = nil, state: SealState? = nil, since: Date? = nil, limit: Int = 50, afterID: Int64? = nil) {
            self.creditCode = creditCode
            self.name = name
            self.state = state
            self.since = since
            self.limit = limit
            self.afterID = afterID
        }
    }

    /// Seals matching `query`, in id order (a page of `limit` after `afterID`).
    public func seals(_ query: SealQuery) throws -> [SealRecord] {
        try read { db in
            var request = SealRecord.all()
            if let code = query.creditCode { request = request.filter(Column("creditCode") == code.uppercased()) }
            if let name = query.name { request = request.filter(Column("name").like("%\(name)%")) }
            if let state = query.state { request = request.filter(Column("state") == state.rawValue) }
            if let since = query.since { request = request.filter(Column("issuedAt") >= since) }
            if let after = query.afterID { request = request.filter(Column("id") > after) }
            return try request.order(Column("id")).limit(query.limit).fetchAll(db)
        }
    }

    /// One seal.
    public func seal(_ id: Int64) throws -> SealRecord {
        guard let seal = try read({ db in try SealRecord.fetchOne(db, id: id) }) else { throw RegistryError.sealNotFound(id: id) }
        return seal
    }

    /// Applications, newest first (all states when nil).
    public func applications(state: ApplicationState?) throws -> [ApplicationRecord] {
        try read { db in
            var request = ApplicationRecord.order(Column("id").desc)
            if let state { request = request.filter(Column("state") == state.rawValue) }
            return try request.fetchAll(db)
        }
    }

    /// One application.
    public func application(_ id: Int64) throws -> ApplicationRecord {
        guard let application = try read({ db in try ApplicationRecord.fetchOne(db, id: id) }) else {
            throw RegistryError.applicationNotFound(id: id)
        }
        return application
    }
}

extension Station {
    /// The attachments of application `id` by name, SM3 and size (their content stays in the registry).
    public func attachments(ofApplication id: Int64) throws -> [AttachmentSummary] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT name, sm3, length(content) AS bytes FROM attachment WHERE applicationID = ? ORDER BY id", arguments: [id]
            ).map { AttachmentSummary(name: $0["name"], sm3: $0["sm3"], bytes: $0["bytes"]) }
        }
    }

    /// Use requests (用印申请) in `states`, oldest first; every request when `states` is empty.
    public func useRequests(states: Set<UseRequestState>) throws -> [UseRequestRecord] {
        try read { db in
            var request = UseRequestRecord.order(Column("id"))
            if !states.isEmpty { request = request.filter(states.map(\.rawValue).contains(Column("state"))) }
            return try request.fetchAll(db)
        }
    }
}
