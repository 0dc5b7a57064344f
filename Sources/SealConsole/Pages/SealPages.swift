import Mustache

/// 查询: the seal list with its search (name, 统一社会信用代码, state, issued since) and paging.
struct SealListPage: Sendable {
    typealias StateChoice = ConsoleChoice

    let name: String
    let creditCode: String
    let since: String
    let states: [StateChoice]
    let table: TableView
    /// The next page's query, when there may be more.
    let next: String?
}

extension SealListPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "creditCode": creditCode
        case "since": since
        case "states": states
        case "table": table
        case "next": next
        default: nil
        }
    }
}

/// One seal: its image, fields, certificate, state history from the audit log, uses, and the forms for 变更 and 注销.
struct SealDetailPage: Sendable {
    typealias Field = ConsoleField

    struct HistoryEntry: Sendable {
        let seq: String
        let time: String
        let officer: String
        let action: String
        let details: String
    }

    typealias CRLReasonChoice = ConsoleChoice

    let id: String
    let fields: [Field]
    let certificate: [Field]
    let history: [HistoryEntry]
    let uses: TableView
    let canChange: Bool
    let canRevoke: Bool
    let reasons: [CRLReasonChoice]
}
