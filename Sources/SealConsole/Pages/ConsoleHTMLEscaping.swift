import Mustache

/// How the console's templates escape every `{{ }}` value: the five characters `& < > " '`, byte by byte over UTF-8.
///
/// swift-mustache's own HTML escaping compares whole `Character`s, so a quote or `<` followed by a combining mark
/// (`"\u{301}` is one grapheme cluster) is not escaped, and a unit name like that could close an attribute.
/// Escaping the bytes leaves nothing of the five unescaped whatever follows them. Every template selects it on its
/// first line with ``pragma``; ``ConsolePages`` refuses a template that does not.
struct ConsoleHTMLEscaping: MustacheContentType {
    /// The name templates select it by.
    static let name = "SEALSTATION_HTML"
    /// The first line of every console template.
    static let pragma = "{{% CONTENT_TYPE: \(name) }}"

    /// Makes the escaping known to swift-mustache under ``name``; templates parsed afterwards can select it.
    static func register() {
        MustacheContentTypes.register(ConsoleHTMLEscaping(), named: name)
    }

    func escapeText(_ text: String) -> String {
        let bytes = text.utf8
        guard bytes.contains(where: Self.isSpecial) else { return text }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(bytes.count + 16)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"): escaped.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): escaped.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): escaped.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): escaped.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): escaped.append(contentsOf: "&#39;".utf8)
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'")
    }
}
