/// A table of records on a page: its columns and rows, each row's first cell linking to the record's page.
struct TableView: Sendable {
    struct Row: Sendable {
        /// The first cell's text (the record's number) and where it links.
        let id: String
        let link: String
        let cells: [String]
    }

    let columns: [String]
    let rows: [Row]
    let emptyText: String
    /// Stored, not computed: Mustache reads stored properties only.
    let isEmpty: Bool

    init(columns: [String], rows: [Row], emptyText: String) {
        self.columns = columns
        self.rows = rows
        self.emptyText = emptyText
        self.isEmpty = rows.isEmpty
    }
}
