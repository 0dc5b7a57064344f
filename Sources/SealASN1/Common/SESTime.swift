public import Foundation
public import SwiftASN1

/// Conversions between the standard's times (v4 GeneralizedTime, v1 UTCTime; UTC, whole seconds) and `Date`.
public enum SESTime {
    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// A DER GeneralizedTime `YYYYMMDDHHMMSSZ` (fractions dropped).
    public static func generalizedTime(_ date: Date) throws -> GeneralizedTime {
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return try GeneralizedTime(
            year: c.year!, month: c.month!, day: c.day!, hours: c.hour!, minutes: c.minute!, seconds: c.second!,
            fractionalSeconds: 0)
    }

    /// A DER UTCTime `YYMMDDHHMMSSZ` (years 1950–2049).
    public static func utcTime(_ date: Date) throws -> UTCTime {
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return try UTCTime(year: c.year!, month: c.month!, day: c.day!, hours: c.hour!, minutes: c.minute!, seconds: c.second!)
    }

    /// The instant of a GeneralizedTime.
    public static func date(_ time: GeneralizedTime) -> Date {
        let components = DateComponents(
            year: time.year, month: time.month, day: time.day, hour: time.hours, minute: time.minutes, second: time.seconds)
        return utc.date(from: components)!.addingTimeInterval(time.fractionalSeconds)
    }

    /// The instant of a UTCTime.
    public static func date(_ time: UTCTime) -> Date {
        let components = DateComponents(
            year: time.year, month: time.month, day: time.day, hour: time.hours, minute: time.minutes, second: time.seconds)
        return utc.date(from: components)!
    }
}
