/// What an audit record is about, stored as text: `seal:<id>`, `application:<id>`, `use:<id>`, `officer:<name>`,
/// `bundle:<sequence>`, `crl:<number>`, `station`, `audit`, `backup`; anything else is kept as it is (`other`).
public enum AuditObject: Hashable, Sendable, CustomStringConvertible {
    case station
    case audit
    case backup
    case seal(id: Int64)
    case application(id: Int64)
    case use(id: Int64)
    case officer(name: String)
    case bundle(sequence: Int64)
    /// A CRL the station CA issued, by its cRLNumber.
    case crl(number: Int64)
    /// A reference this version does not know.
    case other(String)

    /// The object stored as `text`.
    public init(_ text: String) {
        switch text {
        case "station": self = .station
        case "audit": self = .audit
        case "backup": self = .backup
        default:
            guard let colon = text.firstIndex(of: ":") else {
                self = .other(text)
                return
            }
            let kind = text[..<colon], value = String(text[text.index(after: colon)...])
            switch kind {
            case "officer" where !value.isEmpty: self = .officer(name: value)
            case "seal": self = Self.number(value).map { .seal(id: $0) } ?? .other(text)
            case "application": self = Self.number(value).map { .application(id: $0) } ?? .other(text)
            case "use": self = Self.number(value).map { .use(id: $0) } ?? .other(text)
            case "bundle": self = Self.number(value).map { .bundle(sequence: $0) } ?? .other(text)
            case "crl": self = Self.number(value).map { .crl(number: $0) } ?? .other(text)
            default: self = .other(text)
            }
        }
    }

    /// A positive decimal number with no sign or leading zeros, as the station writes ids.
    private static func number(_ text: String) -> Int64? {
        guard let first = text.utf8.first, first != UInt8(ascii: "0"), text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let value = Int64(text)
        else { return nil }
        return value
    }

    /// The stored text.
    public var description: String {
        switch self {
        case .station: return "station"
        case .audit: return "audit"
        case .backup: return "backup"
        case .seal(let id): return "seal:\(id)"
        case .application(let id): return "application:\(id)"
        case .use(let id): return "use:\(id)"
        case .officer(let name): return "officer:\(name)"
        case .bundle(let sequence): return "bundle:\(sequence)"
        case .crl(let number): return "crl:\(number)"
        case .other(let text): return text
        }
    }

    /// The seal's id when the object is a seal.
    public var sealID: Int64? {
        if case .seal(let id) = self { return id }
        return nil
    }
}
