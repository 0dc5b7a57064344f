public import Foundation

/// The audit record's time: `YYYY-MM-DDTHH:MM:SSZ`, UTC, whole seconds (ISO 8601 extended form).
public enum AuditTime {
    /// The text of `date` (fractions of a second dropped).
    public static func string(_ date: Date) -> String {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)).formatted(format)
    }

    /// The instant of a record's time, nil for text not in the form.
    public static func date(_ text: String) -> Date? {
        guard text.utf8.count == 20 else { return nil }
        return try? format.parse(text)
    }

    private static let format = Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 0)!)
}
