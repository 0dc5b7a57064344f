import Foundation

/// The times and days the pages show and the forms take, in the station's time zone, with one formatter per pattern
/// made once and shared under a lock (a DateFormatter costs far more to make than to use: the seal list shows a
/// hundred times a page).
enum ConsoleTime {
    /// `yyyy-MM-dd HH:mm`.
    static func minute(_ date: Date) -> String { formatters.string(date, .minute) }
    /// `yyyy-MM-dd HH:mm:ss`.
    static func second(_ date: Date) -> String { formatters.string(date, .second) }
    /// `yyyy-MM-dd`.
    static func day(_ date: Date) -> String { formatters.string(date, .day) }
    /// `yyyyMMdd-HHmmss`, for file names.
    static func fileStamp(_ date: Date) -> String { formatters.string(date, .fileStamp) }

    /// `yyyy-MM-dd` read strictly, as the start of that day; nil for anything else.
    static func day(parsing text: String) -> Date? {
        guard text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil else { return nil }
        return formatters.date(text)
    }

    private static let formatters = Formatters()

    private enum Pattern: String, CaseIterable {
        case minute = "yyyy-MM-dd HH:mm"
        case second = "yyyy-MM-dd HH:mm:ss"
        case day = "yyyy-MM-dd"
        case fileStamp = "yyyyMMdd-HHmmss"
    }

    private final class Formatters: @unchecked Sendable {
        private let lock = NSLock()
        private let byPattern: [Pattern: DateFormatter]

        init() {
            var byPattern: [Pattern: DateFormatter] = [:]
            for pattern in Pattern.allCases {
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: "en_US_POSIX")
                formatter.dateFormat = pattern.rawValue
                formatter.isLenient = false
                byPattern[pattern] = formatter
            }
            self.byPattern = byPattern
        }

        func string(_ date: Date, _ pattern: Pattern) -> String {
            lock.withLock { byPattern[pattern]!.string(from: date) }
        }

        func date(_ text: String) -> Date? {
            lock.withLock { byPattern[.day]!.date(from: text) }
        }
    }
}
