import Foundation
import SealCrypto
import SealDocument

/// How SealStation writes the PDF objects it adds (ISO 32000-1 §7.3): numbers without exponents, text strings as
/// UTF-16BE hex with a byte-order mark, names escaped with `#`.
enum PDFSyntax {
    /// `value` with at most four decimals and no exponent (`113.3858`, `0`, `-12.5`), whatever the locale.
    static func number(_ value: Double) -> String {
        DecimalText.format(value, fractionDigits: 4) ?? "0"
    }

    /// A text string: ASCII printable text as a literal `( )` string, anything else as UTF-16BE hex with a BOM.
    static func text(_ value: String) -> String {
        if value.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F && $0 != "(" && $0 != ")" && $0 != "\\" }) {
            return "(" + value + ")"
        }
        var hex = "<FEFF"
        for unit in value.utf16 { hex += String(format: "%04X", unit) }
        return hex + ">"
    }

    /// A byte string in hex.
    static func hex(_ bytes: [UInt8]) -> String {
        "<" + Hex.encode(bytes) + ">"
    }

    /// A PDF date (`D:20261203120000Z`) of `date`, in UTC.
    static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "D:%04d%02d%02d%02d%02d%02dZ", c.year ?? 1970, c.month ?? 1, c.day ?? 1, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// A name (`/Type`, as qpdf gives keys) written with `#xx` for every byte outside the regular characters.
    static func name(_ key: String) -> String {
        let body = key.hasPrefix("/") ? key.dropFirst() : Substring(key)
        var text = "/"
        for byte in body.utf8 {
            let regular = byte > 0x20 && byte < 0x7F && !Array("()<>[]{}/%#".utf8).contains(byte)
            text += regular ? String(UnicodeScalar(byte)) : String(format: "#%02X", byte)
        }
        return text
    }
}
