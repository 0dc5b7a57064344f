import SealDocument

/// The text of the XML files SealStation writes, built as exact bytes (ofd-signing.md §1): the declaration line, one
/// root line, the `ofd:` prefix; text and attribute values escaped, numbers in millimetres without exponent.
enum OFDXMLText {
    /// `<?xml version="1.0" encoding="UTF-8"?>` and a line feed, before every root.
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

    /// `xmlns:ofd="…"`, on every root element.
    static let namespaceAttribute = "xmlns:ofd=\"\(OFDNamespace.standard)\""

    /// `text` with `&`, `<`, `>` and `"` escaped (valid in element text and in double-quoted attributes).
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `value` rounded to 1/1000 mm, without trailing zeros or exponent ("4.2", "25", "0.125"), whatever the locale.
    static func number(_ value: Double) -> String { MillimetreBox.format(value) }

    /// An `ST_Box` "x y w h".
    static func box(_ x: Double, _ y: Double, _ width: Double, _ height: Double) -> String {
        MillimetreBox(x: x, y: y, width: width, height: height).description
    }
}
