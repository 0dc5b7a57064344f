/// Why UR parts could not be assembled into their resource.
public enum URPartAssemblyError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A part from `input` was refused (another resource's, corrupted, malformed).
    case part(input: String, reason: String)
    /// Not every fragment is known yet (`total` nil when no part could be read).
    case incomplete(known: Int, total: Int?)

    public var description: String {
        switch self {
        case .part(let input, let reason): return "\(input): \(reason)"
        case .incomplete(let known, let total):
            return total.map { "incomplete: \(known) of \($0) fragments; scan more frames" } ?? "no frame could be read"
        }
    }
}
