public import GRDB
import Foundation

/// Where a key is kept: in files (the holder's encrypted key under a directory), or on a PKCS#11 token named by its
/// label and serial. Stored (seal custody, `maker/maker-custody.txt`) as `file:<path>` or
/// `token:<label> serial:<serial>`; this type is the one parser and printer of that form.
public enum KeyCustody: Hashable, Sendable, CustomStringConvertible {
    /// Files under `path` (`issued/<esID>` relative to the station, or an absolute directory).
    case files(path: String)
    /// A token: its label and serial number (nil in a custody recorded without one).
    case token(label: String, serial: String?)

    /// The custody stored as `text`, nil when it has neither form.
    public init?(storedText text: String) {
        if text.hasPrefix(Self.filePrefix), text.count > Self.filePrefix.count {
            self = .files(path: String(text.dropFirst(Self.filePrefix.count)))
        } else if text.hasPrefix(Self.tokenPrefix), text.count > Self.tokenPrefix.count {
            let rest = text.dropFirst(Self.tokenPrefix.count)
            if let marker = rest.range(of: Self.serialMarker, options: .backwards), marker.upperBound < rest.endIndex,
               marker.lowerBound > rest.startIndex {
                self = .token(label: String(rest[..<marker.lowerBound]), serial: String(rest[marker.upperBound...]))
            } else {
                self = .token(label: String(rest), serial: nil)
            }
        } else {
            return nil
        }
    }

    /// The stored form.
    public var description: String {
        switch self {
        case .files(let path): return Self.filePrefix + path
        case .token(let label, let serial?): return Self.tokenPrefix + label + Self.serialMarker + serial
        case .token(let label, nil): return Self.tokenPrefix + label
        }
    }

    /// Whether the key is on a token.
    public var isToken: Bool {
        if case .token = self { return true }
        return false
    }

    /// The token address to open the key's token with (`serial:<n>`, which a relabelled token cannot fake; the label
    /// when no serial was recorded); nil for files.
    public var tokenSelector: String? {
        switch self {
        case .files: return nil
        case .token(_, let serial?): return "serial:\(serial)"
        case .token(let label, nil): return "label:\(label)"
        }
    }

    static let filePrefix = "file:", tokenPrefix = "token:", serialMarker = " serial:"
}

extension KeyCustody: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { description.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> KeyCustody? {
        String.fromDatabaseValue(dbValue).flatMap(KeyCustody.init(storedText:))
    }
}

extension KeyCustody: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let custody = KeyCustody(storedText: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a key custody"))
        }
        self = custody
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
