/// Why a backup could not be made or restored; nothing is written when restoring fails.
public enum BackupError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(reason: String)
    case wrongPassphrase
    case wrongShares
    case tooFewShares(given: Int, needed: Int)
    case sharesFromAnotherBackup
    /// A share's text is damaged; `source` names the share file (or "the share").
    case malformedShare(source: String, reason: String)
    /// A number in the backup header is out of range (a damaged or hostile file); refused before any key is derived.
    case outOfRange(String)
    case keySourceMismatch(expected: String)
    case manifestSignatureInvalid
    case notTheAnchoredStation
    case contentMismatch(path: String, reason: String)
    case unsafePath(String)
    case destinationNotEmpty(String)

    public var description: String {
        switch self {
        case .malformed(let reason): return "not a SealStation backup, or damaged: \(reason)"
        case .wrongPassphrase: return "wrong backup passphrase, or the backup was changed: it does not decrypt"
        case .wrongShares: return "the shares do not decrypt this backup (wrong shares, or the backup was changed)"
        case .tooFewShares(let given, let needed): return "\(given) share\(given == 1 ? "" : "s") given; this backup needs \(needed)"
        case .sharesFromAnotherBackup: return "a share belongs to another backup"
        case .malformedShare(let source, let reason): return "\(source) is damaged or not a SealStation share: \(reason)"
        case .outOfRange(let detail): return "the backup is damaged: its \(detail)"
        case .keySourceMismatch(let expected): return "this backup is opened with \(expected)"
        case .manifestSignatureInvalid: return "the backup manifest is not signed by the station CA key it names"
        case .notTheAnchoredStation: return "the backup is from another station than the given CA certificate"
        case .contentMismatch(let path, let reason): return "backup entry \(path): \(reason)"
        case .unsafePath(let path): return "backup entry path \"\(path)\" is not a plain relative path"
        case .destinationNotEmpty(let path): return "\(path) exists and is not empty; restore writes only into a new or empty location"
        }
    }
}
