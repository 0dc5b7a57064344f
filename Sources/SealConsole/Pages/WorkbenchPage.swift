/// What the workbench (工作台) shows an officer: the tables of what waits for them, or counts.
struct WorkbenchPage: Sendable {
    /// A table of waiting items.
    struct Section: Sendable {
        let heading: String
        let table: TableView
    }

    /// Counts, for auditors and administrators.
    struct Counts: Sendable {
        struct Item: Sendable {
            let label: String
            let value: Int
        }
        let items: [Item]
    }

    let sections: [Section]
    let counts: Counts?
}
