/// A long job's page: its phase and progress while it runs (the page reloads itself each second, without script),
/// then its summary and files.
struct JobPage: Sendable {
    struct File: Sendable {
        let name: String
        let link: String
    }

    let title: String
    let phase: String
    let refresh: Bool
    let counts: Bool
    let done: Int
    let total: Int
    let elapsed: String
    let failure: String?
    let finished: Bool
    let summary: [String]
    let files: [File]
}

/// 备案: the exports made so far and the form of a new one.
struct FilingPage: Sendable {
    let table: TableView
    let makerOnToken: Bool
    let directory: String
}

/// 备份: the form of a new backup.
struct BackupPage: Sendable {
    let directory: String
}

/// 审计: the log, a page at a time, and the forms to verify it and (administrators) sign a checkpoint.
struct AuditPage: Sendable {
    struct Entry: Sendable {
        let seq: String
        let time: String
        let officer: String
        let action: String
        let object: String
        let details: String
    }

    let entries: [Entry]
    let count: Int
    let next: String?
    let canVerify: Bool
    let canCheckpoint: Bool
    /// The result of `audit verify`, when asked.
    let verified: Bool
    let intact: Bool
    let verdict: String
    let problems: [String]
}
