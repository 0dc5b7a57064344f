/// 用印日志: the use log with its filters (seal, date from/to, officer) and the link to the same rows as CSV.
struct UseLogPage: Sendable {
    let seal: String
    let from: String
    let to: String
    let officer: String
    let table: TableView
    /// The query of the CSV link: the same filters.
    let csvQuery: String
}
