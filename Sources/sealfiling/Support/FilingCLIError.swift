import SealCrypto

/// Errors of the program itself, in the user's words.
enum FilingCLIError: Error, CustomStringConvertible {
    /// A file the user named does not hold what it should; `detail` is the parser's own report (for --debug).
    case unreadableInput(path: String, kind: String, reason: String, detail: String)
    /// An image given where sealfiling needs text: it links no QR reader.
    case imageInput(path: String, what: String)
    /// A library failed with a message that names its internals.
    case unexpected(what: String, detail: String)

    var description: String {
        switch self {
        case .unreadableInput(let path, let kind, let reason, _): return "\(path) is not \(kind): \(reason)"
        case .imageInput(let path, let what):
            return "\(path) is an image; sealfiling reads no images (it links no QR reader): give \(what)"
        case .unexpected(let what, _): return what
        }
    }

    /// With the library's own report.
    var debugDescription: String {
        switch self {
        case .unreadableInput(_, _, _, let detail), .unexpected(_, let detail): return "\(description)\n  detail: \(detail)"
        case .imageInput: return description
        }
    }
}
