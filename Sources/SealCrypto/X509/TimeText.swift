public import Foundation

/// `YYYY-MM-DDTHH:MM:SSZ` for reports, written from `gmtime_r` without a formatter: verification reports word
/// several dates per certificate, and Foundation's ISO 8601 format style costs more than a CRL lookup.
public enum TimeText {
    /// `date` in UTC, whole seconds.
    public static func iso8601(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let year = Int(parts.tm_year) + 1900
        let yearText = (0...999).contains(year) ? String(repeating: "0", count: 4 - String(year).count) + String(year) : String(year)
        return "\(yearText)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
