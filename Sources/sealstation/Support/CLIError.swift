import SealCrypto

/// Errors of the command-line layer; library errors pass through with their own messages.
enum CLIError: Error, CustomStringConvertible, CustomDebugStringConvertible {
    case passphraseTooShort(length: Int, minimum: Int)
    case passphrasesDoNotMatch
    /// `officer passwd` for an officer who holds several roles, each with its own passphrase, without --role.
    case roleNeeded(officer: String, roles: [String])
    case invalidDate(String)
    case demoDirectoryNotEmpty(String)
    /// A demo step saw the program behave otherwise than it must.
    case demoStepFailed(step: String, detail: String)
    /// A file the user named does not parse as `kind`: `shape` is what its outer DER header says, `reason` the
    /// parser's message (in words), `detail` the parser's error as the library reports it (shown with --debug).
    case unreadableInput(path: String, kind: String, shape: DERShape, reason: String, detail: String)
    /// An error from a library whose message names internals (types, source lines); `detail` is shown with --debug.
    case unexpected(what: String, detail: String)

    var description: String {
        switch self {
        case .passphraseTooShort(let length, let minimum):
            return "the new passphrase has \(length) characters; at least \(minimum) are required"
        case .passphrasesDoNotMatch:
            return "the two passphrases do not match"
        case .roleNeeded(let officer, let roles):
            return "\(officer) holds \(roles.joined(separator: " and ")), each with its own passphrase; give --role to say which to change"
        case .invalidDate(let text):
            return "\"\(text)\" is not an ISO 8601 date-time such as 2026-11-25T08:00:00Z"
        case .demoDirectoryNotEmpty(let path):
            return "\(path) is not empty; the demo runs only in a new or empty directory"
        case .unreadableInput(let path, let kind, let shape, let reason, _):
            switch shape {
            case .notDER, .empty: return "\(path) is not \(kind): \(shape)"
            case .truncated(let declared, let present) where declared == 0 && present == 0:
                return "\(path) is truncated: it ends inside its first DER header, so it is not a whole \(kind)"
            case .truncated(let declared, let present):
                return "\(path) is truncated: its header declares \(declared) bytes of content but only \(present) follow, so it is not a whole \(kind)"
            case .trailingBytes, .indefiniteLength, .lengthTooLong: return "\(path) is not \(kind) as written: \(shape)"
            case .whole: return "\(path) cannot be read as \(kind): \(reason)"
            }
        case .demoStepFailed(let step, let detail):
            return "demo step '\(step)' failed: \(detail)"
        case .unexpected(let what, _):
            return "\(what); run the command again with --debug to see the library's own report"
        }
    }

    var debugDescription: String {
        switch self {
        case .unreadableInput(_, _, _, _, let detail), .unexpected(_, let detail): return "\(description)\n  detail: \(detail)"
        default: return description
        }
    }
}
