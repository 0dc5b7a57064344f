/// One labelled value a page lists (a record's field, a fact of a report).
struct ConsoleField: Sendable {
    let label: String
    let value: String
}
