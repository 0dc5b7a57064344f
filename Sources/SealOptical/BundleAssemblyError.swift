public import SealUR

/// Why frames could not be assembled.
public enum BundleAssemblyError: Error, Equatable, CustomStringConvertible, Sendable {
    case unreadable(String)
    case frame(String, String)
    case incomplete(known: Int, total: Int?)

    public var description: String {
        switch self {
        case .unreadable(let input): return "\(input) cannot be read"
        case .frame(let input, let reason): return "\(input): \(reason)"
        case .incomplete(let known, let total):
            return total.map { "incomplete: \(known) of \($0) fragments; scan more frames" } ?? "no frame could be read"
        }
    }
}

extension BundleAssemblyError {
    /// The assembly error of the parts' error.
    public init(_ error: URPartAssemblyError) {
        switch error {
        case .part(let input, let reason): self = .frame(input, reason)
        case .incomplete(let known, let total): self = .incomplete(known: known, total: total)
        }
    }
}
