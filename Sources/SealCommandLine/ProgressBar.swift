import Foundation

/// A progress bar on standard error, drawn only when standard error is a terminal (never into logs or pipes) and
/// only for work that takes more than a moment.
public final class ProgressBar: @unchecked Sendable {
    private let title: String
    private let enabled: Bool
    private let lock = NSLock()
    private let started = Date()
    private var lastDrawn = Date.distantPast

    public init(_ title: String, enabled: Bool = true) {
        self.title = title
        self.enabled = enabled && isatty(STDERR_FILENO) == 1
    }

    /// Redraws with `done` of `total` (at most ten times a second, after the first second).
    public func update(_ done: Int, of total: Int) {
        guard enabled, total > 0 else { return }
        lock.withLock {
            let now = Date()
            guard now.timeIntervalSince(started) > 1, now.timeIntervalSince(lastDrawn) > 0.1 || done == total else { return }
            lastDrawn = now
            let width = 30, filled = width * done / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            FileHandle.standardError.write(Data("\r\(title) \(bar) \(done)/\(total)".utf8))
        }
    }

    /// Ends the bar's line, if one was drawn.
    public func finish() {
        guard enabled else { return }
        lock.withLock {
            if lastDrawn != .distantPast { FileHandle.standardError.write(Data("\n".utf8)) }
        }
    }
}
