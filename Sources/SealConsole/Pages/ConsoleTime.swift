import Foundation

/// The times and days the pages show and the forms take, in the station's time zone.
///
/// Showing uses `Date.ISO8601FormatStyle`, a value made once and shared without a lock (the seal list shows a hundred
/// times a page, and ICU's DateFormatter under a lock cost that page a tenth of its time); reading a day typed in a
/// form uses one strict DateFormatter under a lock.
enum ConsoleTime {
    /// `yyyy-MM-dd HH:mm`.
    static func minute(_ date: Date) -> String { String(second(date).prefix(16)) }
    /// `yyyy-MM-dd HH:mm:ss`.
    static func second(_ date: Date) -> String { secondStyle.format(date) }
    /// `yyyy-MM-dd`.
    static func day(_ date: Date) -> String { dayStyle.format(date) }
    /// `yyyyMMdd-HHmmss`, for file names.
    static func fileStamp(_ date: Date) -> String { fileStampStyle.format(date).replacingOccurrences(of: "T", with: "-") }

    /// `yyyy-MM-dd` read strictly, as the start of that day; nil for anything else.
    static func day(parsing text: String) -> Date? {
        guard text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil else { return nil }
        return dayReader.date(text)
    }

    private static let secondStyle = Date.ISO8601FormatStyle(dateSeparator: .dash, dateTimeSeparator: .space, timeZone: .current)
        .year().month().day().time(includingFractionalSeconds: false)
    private static let dayStyle = Date.ISO8601FormatStyle(dateSeparator: .dash, timeZone: .current).year().month().day()
    private static let fileStampStyle = Date.ISO8601FormatStyle(dateSeparator: .omitted, dateTimeSeparator: .standard, timeSeparator: .omitted, timeZone: .current)
        .year().month().day().time(includingFractionalSeconds: false)
    private static let dayReader = DayReader()

    /// `yyyy-MM-dd`, not lenient: 2026-02-30 is refused.
    private final class DayReader: @unchecked Sendable {
        private let lock = NSLock()
        private let formatter: DateFormatter

        init() {
            formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "yyyy-MM-dd"
            formatter.isLenient = false
        }

        func date(_ text: String) -> Date? {
            lock.withLock { formatter.date(from: text) }
        }
    }
}
