/// Why a `--listen` address is refused.
public enum ListenAddressError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not `HOST:PORT` or `[IPV6]:PORT`.
    case malformed(String)
    /// The port is not 1–65535.
    case portOutOfRange(String)
    /// Not a loopback address (127.0.0.0/8, ::1, or `localhost` resolving to loopback only).
    case notLoopback(address: String, resolved: [String])

    public var description: String {
        switch self {
        case .malformed(let text):
            return "--listen \(text): expected HOST:PORT, such as 127.0.0.1:8600 or [::1]:8600"
        case .portOutOfRange(let text):
            return "--listen \(text): the port must be 1 to 65535"
        case .notLoopback(let address, let resolved):
            let names = resolved.isEmpty ? "" : " (it resolves to \(resolved.joined(separator: ", ")))"
            return "--listen \(address): the console listens on loopback only (127.0.0.0/8 or ::1)\(names); it is never reachable from another machine"
        }
    }
}
