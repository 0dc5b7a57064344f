/// Why a body is not a `multipart/form-data` form.
public enum MultipartFormError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The content type is not multipart/form-data with a boundary of 1 to 70 characters.
    case noBoundary
    /// The body does not parse as parts with the boundary (why).
    case malformed(String)
    /// More parts than `limit`.
    case tooManyParts(limit: Int)

    public var description: String {
        switch self {
        case .noBoundary: "the content type is not multipart/form-data with a boundary of 1 to 70 characters"
        case .malformed(let reason): "the body is not a multipart/form-data form: \(reason)"
        case .tooManyParts(let limit): "the form has more than \(limit) parts"
        }
    }
}
