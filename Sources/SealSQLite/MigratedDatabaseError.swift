/// Why a SQLite file could not be opened, backed up or migrated; the owner (station registry, filing registry) says
/// which file it is in its own terms.
public enum MigratedDatabaseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Creating, opening, backing up or migrating the file failed.
    case database(operation: String, reason: String)
    /// The file was written by a newer program: it has migrations this one does not know. It is left untouched.
    case schemaNewer(path: String, unknownMigrations: [String])

    public var description: String {
        switch self {
        case .database(let operation, let reason): return "\(operation) failed: \(reason)"
        case .schemaNewer(let path, let unknown): return "\(path) has schema \(unknown.joined(separator: ", ")), unknown to this version"
        }
    }
}
