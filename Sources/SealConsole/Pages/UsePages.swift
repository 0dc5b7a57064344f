/// 用印: the list of use requests (filtered by state) and, for operators, the 用印申请 form with the issued seals.
struct UseListPage: Sendable {
    typealias Choice = ConsoleChoice

    let states: [Choice]
    let table: TableView
    /// Operators request uses; the seals they may choose from (issued seals).
    let canRequest: Bool
    let seals: [Choice]
    let hasSeals: Bool
}

/// One use request: its fields, the approver's form, and the operator's 签章 form while uses are left.
struct UseDetailPage: Sendable {
    typealias Field = ConsoleField

    let id: String
    let fields: [Field]
    let canApprove: Bool
    let canSign: Bool
    /// An older approved request of the same seal with uses left, which the station's use gate spends first.
    let earlierRequest: String?
    /// The seal's holder key is on a token: 签章 asks for its PIN instead of the holder passphrase.
    let onToken: Bool
    let tokenModule: String
    let uses: TableView
}
