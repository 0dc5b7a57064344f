/// Decimal numbers as documents write them: rounded to a number of fraction digits, without trailing zeros or exponent
/// (`40`, `12.5`, `0.125`, `-3`), whatever the locale.
public enum DecimalText {
    /// `value` rounded to `fractionDigits` digits (0…6), or nil when it is not finite or its scaled value reaches
    /// 10^15 (so the digits fit an integer exactly).
    public static func format(_ value: Double, fractionDigits: Int) -> String? {
        let digits = min(max(fractionDigits, 0), 6)
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        guard value.isFinite else { return nil }
        let scaled = (value * Double(scale)).rounded()
        guard scaled.magnitude < 1e15 else { return nil }
        let units = Int(scaled)
        let sign = units < 0 ? "-" : ""
        let magnitude = units.magnitude
        let whole = magnitude / UInt(scale)
        var fraction = magnitude % UInt(scale)
        guard fraction != 0 else { return sign + String(whole) }
        var shown = digits
        while fraction % 10 == 0 {
            fraction /= 10
            shown -= 1
        }
        let text = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: shown - text.count) + text
    }
}
