/// A 统一社会信用代码 or 公民身份号码 that fails its standard's rules; the message names the failing character.
public enum IdentifierError: Error, Equatable, Sendable, CustomStringConvertible {
    case wrongLength(kind: String, length: Int, expected: Int)
    case invalidCharacter(kind: String, position: Int, character: String, allowed: String)
    case wrongCheckCharacter(kind: String, found: String, expected: String)
    case invalidBirthDate(kind: String, digits: String)

    public var description: String {
        switch self {
        case .wrongLength(let kind, let length, let expected):
            return "\(kind) has \(length) characters; it must have \(expected)"
        case .invalidCharacter(let kind, let position, let character, let allowed):
            return "\(kind): character \(position) \"\(character)\" is not allowed (\(allowed))"
        case .wrongCheckCharacter(let kind, let found, let expected):
            return "\(kind): the check character (position 18) is \"\(found)\", but the first 17 characters give \"\(expected)\""
        case .invalidBirthDate(let kind, let digits):
            return "\(kind): the birth date \(digits) (positions 7–14) is not a real date"
        }
    }
}
