import Foundation

/// 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence, and an ISO 7064
/// MOD 11-2 check character (0–9 or X).
public struct ResidentIdentityNumber: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The number, with an upper-case X.
    public let value: String

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters = Array("10X98765432")

    /// Validates `text` (a lower-case x is accepted and upper-cased).
    /// - Throws: `IdentifierError` naming the position and character that fail, or an impossible birth date.
    public init(_ text: String) throws {
        let characters = Array(text.uppercased())
        guard characters.count == 18 else {
            throw IdentifierError.wrongLength(kind: Self.kind, length: characters.count, expected: 18)
        }
        var sum = 0
        for (position, character) in characters.prefix(17).enumerated() {
            guard let digit = character.wholeNumberValue, character.isASCII else {
                throw IdentifierError.invalidCharacter(kind: Self.kind, position: position + 1, character: String(character), allowed: "0–9")
            }
            sum += digit * Self.weights[position]
        }
        guard characters[17].isASCII, characters[17].isNumber || characters[17] == "X" else {
            throw IdentifierError.invalidCharacter(kind: Self.kind, position: 18, character: String(characters[17]), allowed: "0–9 or X")
        }
        let expected = Self.checkCharacters[sum % 11]
        guard characters[17] == expected else {
            throw IdentifierError.wrongCheckCharacter(kind: Self.kind, found: String(characters[17]), expected: String(expected))
        }
        let birth = String(characters[6..<14])
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let year = Int(birth.prefix(4))!, month = Int(birth.dropFirst(4).prefix(2))!, day = Int(birth.suffix(2))!
        let components = DateComponents(year: year, month: month, day: day)
        guard (1...12).contains(month), let date = calendar.date(from: components),
              calendar.dateComponents([.year, .month, .day], from: date) == DateComponents(year: year, month: month, day: day),
              year >= 1900
        else { throw IdentifierError.invalidBirthDate(kind: Self.kind, digits: birth) }
        value = String(characters)
    }

    static let kind = "公民身份号码"

    public var description: String { value }
}
