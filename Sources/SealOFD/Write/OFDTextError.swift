/// Why `OFDTextDocument` refused a text; each case names the problem in the user's terms (line, character, limit).
public enum OFDTextError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is over the size limit.
    case textTooLarge(bytes: Int, limit: Int)
    /// The bytes are not UTF-8: the first bad byte is at `offset` (0-based), on `line` (1-based).
    case notUTF8(line: Int, offset: Int)
    /// A control character other than tab, line feed, carriage return and form feed.
    case controlCharacter(line: Int, scalar: UInt32)
    /// The embedded face has no glyph for a character (line 0: in the title).
    case characterNotInFont(line: Int, scalar: UInt32, font: String)
    /// The text needs more pages than allowed.
    case tooManyPages(limit: Int)
    /// The title is empty, or has a line break or control character.
    case badTitle
    /// The face gave an unusable measure (units per em).
    case badFace(String)
    /// The font subset could not be made.
    case fontSubset(font: String, reason: String)
    /// The ZIP package could not be written.
    case packageWriting(String)

    public var description: String {
        switch self {
        case .textTooLarge(let bytes, let limit):
            return "the text is \(bytes) bytes; at most \(limit) bytes (1 MiB) are made into an OFD"
        case .notUTF8(let line, let offset):
            return "the text is not UTF-8: line \(line) has a byte that is not UTF-8 (at byte \(offset)); save it as UTF-8"
        case .controlCharacter(let line, let scalar):
            return "line \(line) has the control character \(Self.codePoint(scalar)); only tab, line breaks and form feed (page break) are allowed"
        case .characterNotInFont(let line, let scalar, let font):
            let place = line == 0 ? "the title" : "line \(line)"
            return "\(place): the character \(Self.shown(scalar)) (\(Self.codePoint(scalar))) is not in the embedded font \(font)"
        case .tooManyPages(let limit):
            return "the text needs more than \(limit) pages; at most \(limit) are written"
        case .badTitle:
            return "the title must be one line of text without control characters"
        case .badFace(let detail):
            return "the font cannot be used for the OFD: \(detail)"
        case .fontSubset(let font, let reason):
            return "the subset of \(font) to embed could not be made: \(reason)"
        case .packageWriting(let detail):
            return "the OFD package could not be written: \(detail)"
        }
    }

    static func codePoint(_ scalar: UInt32) -> String {
        let hex = String(scalar, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    static func shown(_ scalar: UInt32) -> String {
        Unicode.Scalar(scalar).map { "\"\(Character($0))\"" } ?? "?"
    }
}
