/// Aligned text for terminals: every column starts at the same display column in every row (East Asian wide
/// characters count two, combining marks none; see ``DisplayWidth``).
public enum TextTable {
    /// Two aligned columns; the first padded to its widest entry.
    public static func pairs(_ rows: [(String, String)]) -> String {
        let width = rows.map { DisplayWidth.of($0.0) }.max() ?? 0
        return rows.map { key, value in
            key + String(repeating: " ", count: width - DisplayWidth.of(key) + 2) + value
        }.joined(separator: "\n")
    }

    /// A multi-column table with a header row.
    public static func grid(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - DisplayWidth.of(cell) + 2)
            }.joined()
        }.joined(separator: "\n")
    }
}
