import Foundation

/// Prints command results: JSON with --json, an aligned human table otherwise.
enum Output {
    /// Pretty, key-sorted JSON with dates in ISO 8601, UTF-8 unescaped.
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

    /// Two aligned columns; the first padded to its widest entry (display width, CJK counted double).
    static func table(_ rows: [(String, String)]) -> String {
        let width = rows.map { displayWidth($0.0) }.max() ?? 0
        return rows.map { key, value in
            key + String(repeating: " ", count: width - displayWidth(key) + 2) + value
        }.joined(separator: "\n")
    }

    /// A multi-column table with a header row; every column starts at the same display column in every row.
    static func grid(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { displayWidth($0[column]) }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - displayWidth(cell) + 2)
            }.joined()
        }.joined(separator: "\n")
    }

    /// Terminal columns a string takes (East Asian wide characters two, combining marks none): see `DisplayWidth`.
    static func displayWidth(_ text: String) -> Int { DisplayWidth.of(text) }

    /// ISO 8601 text for a date.
    static func date(_ date: Date) -> String { date.formatted(.iso8601) }
}
