/// Errors of the command-line layer; library errors pass through with their own messages.
enum CLIError: Error, CustomStringConvertible {
    case noPassphraseSource(what: String)
    case emptyPassphrase(source: String)
    case passphraseTooShort(length: Int, minimum: Int)
    case passphrasesDoNotMatch
    case terminal(String)
    case invalidDate(String)
    case demoDirectoryNotEmpty(String)

    var description: String {
        switch self {
        case .noPassphraseSource(let what):
            return "no passphrase for \(what): there is no terminal to prompt on; give --passphrase-file FILE"
        case .emptyPassphrase(let source):
            return "the passphrase from \(source) is empty"
        case .passphraseTooShort(let length, let minimum):
            return "the new passphrase has \(length) characters; at least \(minimum) are required"
        case .passphrasesDoNotMatch:
            return "the two passphrases do not match"
        case .terminal(let detail):
            return "cannot read from the terminal: \(detail)"
        case .invalidDate(let text):
            return "\"\(text)\" is not an ISO 8601 date-time such as 2026-11-25T08:00:00Z"
        case .demoDirectoryNotEmpty(let path):
            return "\(path) is not empty; the demo runs only in a new or empty directory"
        }
    }
}
