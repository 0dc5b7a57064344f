import Foundation

/// PDF date strings (ISO 32000-1 §7.9.4): `D:YYYYMMDDHHmmSSOHH'mm'`, every part after the year optional.
enum PDFDate {
    /// The instant `text` names, or nil when it is not a PDF date.
    static func parse(_ text: String) -> Date? {
        var scalars = Substring(text)
        if scalars.hasPrefix("D:") { scalars = scalars.dropFirst(2) }
        let digits = scalars.prefix { $0.isASCII && $0.isNumber }
        guard digits.count >= 4, digits.count <= 14, digits.count % 2 == 0 else { return nil }
        func field(_ offset: Int, _ length: Int, default value: Int) -> Int? {
            guard digits.count >= offset + length else { return value }
            let start = digits.index(digits.startIndex, offsetBy: offset)
            return Int(digits[start..<digits.index(start, offsetBy: length)])
        }
        guard let year = field(0, 4, default: 0), let month = field(4, 2, default: 1), let day = field(6, 2, default: 1),
            let hour = field(8, 2, default: 0), let minute = field(10, 2, default: 0), let second = field(12, 2, default: 0),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        var offset = 0
        let rest = scalars.dropFirst(digits.count)
        if let sign = rest.first, sign == "+" || sign == "-" {
            let zone = rest.dropFirst().filter { $0.isASCII && $0.isNumber }
            let hours = Int(zone.prefix(2)) ?? 0
            let minutes = Int(zone.dropFirst(2).prefix(2)) ?? 0
            guard hours < 24, minutes < 60 else { return nil }
            offset = (hours * 3600 + minutes * 60) * (sign == "-" ? -1 : 1)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return calendar.date(from: components).map { $0.addingTimeInterval(TimeInterval(-offset)) }
    }
}
