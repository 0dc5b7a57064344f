/// A file of the station's shipped data that can be pinned: one seal template, or the vendor profile file.
public enum PinnedItem: Hashable, Sendable, Comparable, CustomStringConvertible {
    case template(id: String)
    case vendorProfiles

    /// The stored form: `template:<id>` or `vendor-profiles`.
    public var rawValue: String {
        switch self {
        case .template(let id): return "template:\(id)"
        case .vendorProfiles: return "vendor-profiles"
        }
    }

    /// The item stored as `rawValue`, or nil for anything else.
    public init?(rawValue: String) {
        if rawValue == "vendor-profiles" {
            self = .vendorProfiles
        } else if rawValue.hasPrefix("template:"), rawValue.count > "template:".count {
            self = .template(id: String(rawValue.dropFirst("template:".count)))
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .template(let id): return "template \(id)"
        case .vendorProfiles: return "vendor profile file"
        }
    }

    public static func < (lhs: PinnedItem, rhs: PinnedItem) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension PinnedItem: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let item = PinnedItem(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a pinned item"))
        }
        self = item
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
