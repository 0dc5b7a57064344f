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

    /// A multi-column table with a header row.
    static func grid(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { displayWidth($0[column]) }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - displayWidth(cell) + 2)
            }.joined()
        }.joined(separator: "\n")
    }

    /// Terminal columns a string takes: East Asian wide characters count two.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            let value = scalar.value
            let wide = (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
                || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
                || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
                || (0xFFE0...0xFFE6).contains(value)
            return total + (wide ? 2 : 1)
        }
    }

    /// ISO 8601 text for a date.
    static func date(_ date: Date) -> String { date.formatted(.iso8601) }
}
