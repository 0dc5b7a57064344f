import SealSQLite

/// Failures of a filing store; an import that fails this way changed nothing.
public enum FilingStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The database could not do `operation`.
    case database(operation: String, reason: String)
    /// The filing registry was written by a newer program (it has migrations this one does not know); it is left untouched.
    case schemaNewer(path: String, unknownMigrations: [String])
    /// The import policy asked the store something its ``FilingSnapshot`` was not read for (a defect of this program,
    /// never of the bundle); the import changed nothing.
    case outsideSnapshot(String)
    /// The database server cannot be reached or went away (restarting, failing over): nothing was stored, and the same
    /// request can be retried.
    case unavailable(reason: String)
    /// A client of the filing service is already known under this name (revoked or not: names are never reused).
    case clientExists(name: String)

    public var description: String {
        switch self {
        case .database(let operation, let reason): return "filing registry \(operation) failed: \(reason)"
        case .schemaNewer(let path, let unknown):
            return "the filing registry \(path) was written by a newer version (schema \(unknown.joined(separator: ", ")) is unknown "
                + "to this one); install that version or newer — the filing registry was left untouched"
        case .outsideSnapshot(let what):
            return "the import asked for \(what), which its snapshot of the filing registry was not read for (a defect of this program); nothing was stored"
        case .unavailable(let reason):
            return "the filing database is unavailable (\(reason)); nothing was stored — try again"
        case .clientExists(let name):
            return "a client named \(name) already exists (names of revoked clients are not reused); choose another name"
        }
    }
}

extension FilingStoreError {
    /// The filing registry's error for a failure to open, back up or migrate its file.
    init(_ error: MigratedDatabaseError) {
        switch error {
        case .database(let operation, let reason): self = .database(operation: operation, reason: reason)
        case .schemaNewer(let path, let unknown): self = .schemaNewer(path: path, unknownMigrations: unknown)
        }
    }
}
