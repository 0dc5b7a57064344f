public import Foundation
public import SwiftASN1

/// Conversions between the standard's times (v4 GeneralizedTime, v1 UTCTime; UTC, whole seconds) and `Date`, by
/// calendar arithmetic on the proleptic Gregorian calendar (no `Calendar` lookups on the verification path).
public enum SESTime {
    /// A DER GeneralizedTime `YYYYMMDDHHMMSSZ` (fractions dropped).
    public static func generalizedTime(_ date: Date) throws -> GeneralizedTime {
        let c = components(date)
        return try GeneralizedTime(
            year: c.year, month: c.month, day: c.day, hours: c.hour, minutes: c.minute, seconds: c.second, fractionalSeconds: 0)
    }

    /// A DER UTCTime `YYMMDDHHMMSSZ` (years 1950–2049).
    public static func utcTime(_ date: Date) throws -> UTCTime {
        let c = components(date)
        return try UTCTime(year: c.year, month: c.month, day: c.day, hours: c.hour, minutes: c.minute, seconds: c.second)
    }

    /// The instant of a GeneralizedTime.
    public static func date(_ time: GeneralizedTime) -> Date {
        Date(timeIntervalSince1970: TimeInterval(
            secondsSinceEpoch(year: time.year, month: time.month, day: time.day, hour: time.hours, minute: time.minutes,
                              second: time.seconds)) + time.fractionalSeconds)
    }

    /// The instant of a UTCTime.
    public static func date(_ time: UTCTime) -> Date {
        Date(timeIntervalSince1970: TimeInterval(
            secondsSinceEpoch(year: time.year, month: time.month, day: time.day, hour: time.hours, minute: time.minutes,
                              second: time.seconds)))
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` for a date (whole seconds, UTC).
    public static func iso8601(_ date: Date) -> String {
        let c = components(date)
        if (0...9999).contains(c.year) {
            // Written digit by digit into 20 bytes: verification reports format several dates per seal.
            return String(unsafeUninitializedCapacity: 20) { buffer in
                var index = 0
                func put(_ value: Int, _ width: Int, then separator: UInt8?) {
                    var divisor = 1
                    for _ in 1..<width { divisor *= 10 }
                    while divisor > 0 {
                        buffer[index] = UInt8(truncatingIfNeeded: 0x30 + value / divisor % 10)
                        index += 1
                        divisor /= 10
                    }
                    if let separator {
                        buffer[index] = separator
                        index += 1
                    }
                }
                put(c.year, 4, then: 0x2D)
                put(c.month, 2, then: 0x2D)
                put(c.day, 2, then: 0x54)
                put(c.hour, 2, then: 0x3A)
                put(c.minute, 2, then: 0x3A)
                put(c.second, 2, then: 0x5A)
                return index
            }
        }
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))Z"
    }

    // Days from 1970-01-01 for a civil date, and back (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func secondsSinceEpoch(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int {
        daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    private static func components(_ date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        var days = total / 86_400
        var secondOfDay = total % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60)
    }
}
