import Foundation
import SwiftASN1

/// RFC 5280 `Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }`: UTCTime for 1950–2049,
/// GeneralizedTime otherwise (§4.1.2.5), whole seconds, UTC.
enum X509Time {
    /// The instant of a UTCTime or GeneralizedTime node.
    /// - Throws: `ASN1Error` when the node is neither, or not DER.
    static func date(_ node: ASN1Node) throws -> Date {
        switch node.identifier {
        case .utcTime:
            let time = try UTCTime(derEncoded: node)
            return date(year: time.year, month: time.month, day: time.day, hours: time.hours, minutes: time.minutes, seconds: time.seconds)
        case .generalizedTime:
            let time = try GeneralizedTime(derEncoded: node)
            return date(year: time.year, month: time.month, day: time.day, hours: time.hours, minutes: time.minutes, seconds: time.seconds)
                .addingTimeInterval(time.fractionalSeconds)
        default:
            throw ASN1Error.unexpectedFieldType(node.identifier)
        }
    }

    /// Whether `node` is a Time.
    static func isTime(_ node: ASN1Node) -> Bool { node.identifier == .utcTime || node.identifier == .generalizedTime }

    /// The instants a GeneralizedTime can hold: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
    static let representable: ClosedRange<TimeInterval> = -62_135_596_800...253_402_300_799

    /// Appends `date` as RFC 5280 requires (UTCTime through 2049, GeneralizedTime from 2050).
    /// - Throws: `.invalidCRL` for a date no X.509 time can hold (before year 1, after 9999, not a number).
    static func serialize(_ date: Date, into coder: inout DER.Serializer) throws {
        let c = try components(date)
        if (1950...2049).contains(c.year) {
            try coder.serialize(UTCTime(year: c.year, month: c.month, day: c.day, hours: c.hour, minutes: c.minute, seconds: c.second))
        } else {
            try coder.serialize(generalizedTime(date))
        }
    }

    /// `date` as a GeneralizedTime (whole seconds), as the invalidityDate extension always is.
    static func generalizedTime(_ date: Date) throws -> GeneralizedTime {
        let c = try components(date)
        return try GeneralizedTime(
            year: c.year, month: c.month, day: c.day, hours: c.hour, minutes: c.minute, seconds: c.second, fractionalSeconds: 0)
    }

    static func date(year: Int, month: Int, day: Int, hours: Int, minutes: Int, seconds: Int) -> Date {
        var parts = tm()
        parts.tm_year = Int32(clamping: year - 1900)
        parts.tm_mon = Int32(clamping: month - 1)
        parts.tm_mday = Int32(clamping: day)
        parts.tm_hour = Int32(clamping: hours)
        parts.tm_min = Int32(clamping: minutes)
        parts.tm_sec = Int32(clamping: seconds)
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    private static func components(_ date: Date) throws -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        // Checked first: time_t(_:) traps on NaN, infinities and values past 64 bits.
        guard representable.contains(date.timeIntervalSince1970) else {
            throw SealCryptoError.invalidCRL(
                reason: "a date \(date.timeIntervalSince1970) seconds from 1970 is outside the years 1 to 9999 that an X.509 time can hold")
        }
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return (Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }
}
