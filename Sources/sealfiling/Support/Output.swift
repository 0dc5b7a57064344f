import Foundation
import SealCommandLine

/// Prints command results: JSON with --json, an aligned human table otherwise.
enum Output {
    /// Pretty, key-sorted JSON with dates in ISO 8601, UTF-8 unescaped (the station's views use the same form).
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Prints `value` as JSON, or `rows` as a two-column table.
    static func emit(_ value: some Encodable, json: Bool, rows: () -> [(String, String)]) throws {
        if json {
            print(try Self.json(value))
        } else {
            print(table(rows()))
        }
    }

    /// Two aligned columns (see `TextTable`).
    static func table(_ rows: [(String, String)]) -> String { TextTable.pairs(rows) }

    /// A multi-column table with a header row (see `TextTable`).
    static func grid(header: [String], rows: [[String]]) -> String { TextTable.grid(header: header, rows: rows) }

    /// ISO 8601 text for a date.
    static func date(_ date: Date) -> String { date.formatted(.iso8601) }
}
