public import Foundation

/// The one JSON form of every view (`--json` of the CLI, and the web console): pretty-printed with sorted keys, dates
/// in ISO 8601 UTC (`2026-09-21T08:26:40Z`), slashes and non-ASCII text unescaped, absent optionals left out.
public enum ViewJSON {
    /// An encoder set up for the views' JSON.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// `value` as JSON bytes.
    public static func data(_ value: some Encodable) throws -> Data {
        try encoder().encode(value)
    }

    /// `value` as JSON text (UTF-8).
    public static func string(_ value: some Encodable) throws -> String {
        String(decoding: try data(value), as: UTF8.self)
    }
}
