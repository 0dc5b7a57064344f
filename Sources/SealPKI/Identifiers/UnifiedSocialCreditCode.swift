/// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-symbol alphabet (no I, O, S, V, Z), the last a check
/// character over the first 17 with weights 3^(i−1) mod 31.
public struct UnifiedSocialCreditCode: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The code, upper-case.
    public let value: String

    /// The 31 symbols, value = index.
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// Validates `text` (lower case is accepted and upper-cased).
    /// - Throws: `IdentifierError` naming the position and character that fail.
    public init(_ text: String) throws {
        let characters = Array(text.uppercased())
        guard characters.count == 18 else {
            throw IdentifierError.wrongLength(kind: Self.kind, length: characters.count, expected: 18)
        }
        var sum = 0
        for (position, character) in characters.enumerated() {
            guard let value = Self.alphabet.firstIndex(of: character) else {
                throw IdentifierError.invalidCharacter(
                    kind: Self.kind, position: position + 1, character: String(character),
                    allowed: "0–9 and A–Y without I, O, S, V, Z")
            }
            if position < 17 { sum += value * Self.weights[position] }
        }
        let expected = Self.alphabet[(31 - sum % 31) % 31]
        guard characters[17] == expected else {
            throw IdentifierError.wrongCheckCharacter(
                kind: Self.kind, found: String(characters[17]), expected: String(expected))
        }
        value = String(characters)
    }

    static let kind = "统一社会信用代码"

    public var description: String { value }
}
