/// Why an OFD package was refused; each case names the member or the limit in the user's terms.
public enum OFDPackageError: Error, Equatable, CustomStringConvertible, Sendable {
    case unreadable(String)
    case notZIP(String)
    case archiveTooLarge(bytes: Int, limit: Int)
    case tooManyMembers(count: Int, limit: Int)
    case unsafePath(String)
    case link(String)
    case duplicateMember(String)
    /// Two members whose names differ only in letter case (they would overwrite each other on many file systems).
    case caseDuplicateMember(String, String)
    case memberTooLarge(String, limit: Int)
    case totalTooLarge(limit: Int)
    case inflateRatio(String, limit: Int)
    case corruptMember(String, String)
    /// A package could not be written (the ZIP writer's reason).
    case unwritable(String)

    public var description: String {
        switch self {
        case .unreadable(let detail): return detail
        case .notZIP(let name): return "\(name) is not an OFD package: it is not a readable ZIP archive"
        case .archiveTooLarge(let bytes, let limit): return "the OFD package is \(bytes) bytes, over the \(limit)-byte limit"
        case .tooManyMembers(let count, let limit): return "the OFD package has at least \(count) members; at most \(limit) are read"
        case .unsafePath(let path):
            return "member '\(path)' of the OFD package has an unsafe path (absolute, '..', '.', empty segment, backslash or control character)"
        case .link(let path): return "member '\(path)' of the OFD package is a symbolic link; an OFD package holds only files and directories"
        case .duplicateMember(let path): return "member '\(path)' appears twice in the OFD package"
        case .caseDuplicateMember(let first, let second):
            return "members '\(first)' and '\(second)' of the OFD package differ only in letter case"
        case .memberTooLarge(let path, let limit): return "member '\(path)' of the OFD package is over the \(limit)-byte limit"
        case .totalTooLarge(let limit): return "the members of the OFD package add up to more than \(limit) bytes"
        case .inflateRatio(let path, let limit):
            return "member '\(path)' of the OFD package inflates more than \(limit) times its compressed size (a ZIP bomb)"
        case .corruptMember(let path, let detail): return "member '\(path)' of the OFD package is corrupt: \(detail)"
        case .unwritable(let detail): return "the OFD package cannot be written: \(detail)"
        }
    }
}
