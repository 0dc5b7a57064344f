/// Why a posted body is not a form the console reads.
public enum ConsoleFormError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not url-encoded or multipart/form-data as sent (a field given twice, a broken escape, a part without a name…).
    case notAForm
    /// A multipart form with more parts than `limit`.
    case tooManyParts(limit: Int)

    public var description: String {
        switch self {
        case .notAForm: return "the body is not a form of the console"
        case .tooManyParts(let limit): return "the form has more than \(limit) parts"
        }
    }
}
