/// The 申请 form: the unit, the seal template with a preview at true size, the holder for personal seals, the
/// attachments; for 变更, the seal it replaces.
struct ApplicationFormPage: Sendable {
    typealias Choice = ConsoleChoice

    let templates: [Choice]
    let unitName: String
    let creditCode: String
    let useName: String
    let holderName: String
    let physicalCode: String
    let reason: String
    /// For 变更: the seal replaced, its number and name.
    let replacesID: String?
    let replacesName: String?
    /// The query of the preview image for the fields above.
    let previewQuery: String
}

/// One application: its fields, the preview, the attachments, and the forms its reader may submit (审批 for an
/// approver, 制作 for an operator once it is approved).
struct ApplicationDetailPage: Sendable {
    typealias Field = ConsoleField

    struct Attachment: Sendable {
        let name: String
        let sm3: String
        let size: String
        let link: String
    }

    let id: String
    let fields: [Field]
    let attachments: [Attachment]
    let hasAttachments: Bool
    let canDecide: Bool
    let canIssue: Bool
    /// Whether 制作 needs the PIN of the seal-maker's token too.
    let makerOnToken: Bool
    let tokenModule: String
}

/// The list of applications, by state.
struct ApplicationListPage: Sendable {
    typealias StateChoice = ConsoleChoice

    let states: [StateChoice]
    let table: TableView
}
