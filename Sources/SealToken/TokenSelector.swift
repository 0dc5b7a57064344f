/// How an officer names a token: by label or by serial number, never by slot index (slots change between runs).
public enum TokenSelector: Equatable, Sendable, CustomStringConvertible {
    case label(String)
    case serial(String)

    /// Parses `label:NAME`, `serial:NUMBER`, or a bare label.
    public init(parsing text: String) throws {
        if text.hasPrefix("serial:") {
            let value = String(text.dropFirst("serial:".count))
            guard !value.isEmpty else { throw PKCS11Error.invalidSelector(text) }
            self = .serial(value)
        } else {
            let value = text.hasPrefix("label:") ? String(text.dropFirst("label:".count)) : text
            guard !value.isEmpty, value.utf8.count <= 32 else { throw PKCS11Error.invalidSelector(text) }
            self = .label(value)
        }
    }

    func matches(_ token: TokenInfo) -> Bool {
        switch self {
        case .label(let label): return token.label == label
        case .serial(let serial): return token.serialNumber == serial
        }
    }

    public var description: String {
        switch self {
        case .label(let label): return "label '\(label)'"
        case .serial(let serial): return "serial '\(serial)'"
        }
    }
}
