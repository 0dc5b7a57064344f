import Foundation

/// Long work started from a page (备案 export, 备份): run off the request, its progress shown on its own page until it
/// ends, then its result and files to download. Only the officer who started it sees it.
struct ConsoleJob: Sendable {
    enum State: Sendable, Equatable {
        case running
        case finished
        case failed(String)
    }

    /// A file the job produced, offered for download.
    struct File: Sendable {
        let name: String
        let type: String
        let path: String
    }

    let id: String
    let ownerID: Int64
    let title: String
    let startedAt: Date
    var state: State = .running
    /// What the job does now, in Chinese.
    var phase: String
    /// Units done and in all, when the phase counts.
    var done = 0
    var total = 0
    /// What the finished job reports, line by line.
    var summary: [String] = []
    var files: [File] = []
}
