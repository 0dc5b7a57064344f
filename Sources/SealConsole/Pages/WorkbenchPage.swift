/// What the workbench (工作台) shows an officer: the tables of what waits for them, or counts.
struct WorkbenchPage: Sendable {
    /// The signed-in officer in the page header, with the sign-out form's CSRF token.
    struct Badge: Sendable {
        let name: String
        let role: String
        let csrf: String
    }

    /// A table of waiting items.
    struct Section: Sendable {
        struct Row: Sendable { let cells: [String] }
        let heading: String
        let emptyText: String
        let columns: [String]
        let rows: [Row]
        /// Stored, not computed: Mustache reads stored properties only.
        let isEmpty: Bool

        init(heading: String, emptyText: String, columns: [String], rows: [Row]) {
            self.heading = heading
            self.emptyText = emptyText
            self.columns = columns
            self.rows = rows
            self.isEmpty = rows.isEmpty
        }
    }

    /// Counts, for auditors and administrators.
    struct Counts: Sendable {
        struct Item: Sendable {
            let label: String
            let value: Int
        }
        let items: [Item]
    }

    let title = "工作台"
    let officer: Badge
    let sections: [Section]
    let counts: Counts?
}
