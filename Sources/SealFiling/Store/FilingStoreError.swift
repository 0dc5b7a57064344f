import SealSQLite

/// Failures of a filing store; an import that fails this way changed nothing.
public enum FilingStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The database could not do `operation`.
    case database(operation: String, reason: String)
    /// The filing registry was written by a newer program (it has migrations this one does not know); it is left untouched.
    case schemaNewer(path: String, unknownMigrations: [String])

    public var description: String {
        switch self {
        case .database(let operation, let reason): return "filing registry \(operation) failed: \(reason)"
        case .schemaNewer(let path, let unknown):
            return "the filing registry \(path) was written by a newer version (schema \(unknown.joined(separator: ", ")) is unknown "
                + "to this one); install that version or newer — the filing registry was left untouched"
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
