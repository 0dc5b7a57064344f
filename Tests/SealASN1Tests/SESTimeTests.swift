import Foundation
import SealASN1
import SwiftASN1
import Testing

@Suite("SESTime calendar arithmetic")
struct SESTimeTests {
    @Test("agrees with Foundation's Gregorian calendar and ISO 8601 formatting over 1950–2100", arguments: 0..<200)
    func agreesWithFoundation(seed: Int) throws {
        // Spread instants over 1950–2100 deterministically (a linear congruential walk).
        let start = -631_152_000.0, span = 4_733_510_400.0 - start
        let instant = start + (Double((seed * 2_654_435_761) % 1_000_003) / 1_000_003.0) * span
        let date = Date(timeIntervalSince1970: instant.rounded(.down))
        #expect(SESTime.iso8601(date) == date.formatted(.iso8601))
        let generalized = try SESTime.generalizedTime(date)
        #expect(SESTime.date(generalized) == date)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        #expect([generalized.year, generalized.month, generalized.day, generalized.hours, generalized.minutes, generalized.seconds]
            == [c.year, c.month, c.day, c.hour, c.minute, c.second])
        if (1950...2049).contains(c.year!) {
            #expect(SESTime.date(try SESTime.utcTime(date)) == date)
        }
    }

    @Test("leap days and the epoch")
    func edges() throws {
        for text in ["2000-02-29T23:59:59Z", "1970-01-01T00:00:00Z", "2100-03-01T00:00:00Z", "1969-12-31T23:59:59Z"] {
            let date = try #require(ISO8601DateFormatter().date(from: text))
            #expect(SESTime.iso8601(date) == text)
            #expect(SESTime.date(try SESTime.generalizedTime(date)) == date)
        }
    }
}
