/// Errors from template loading, layout and drawing. Each names the problem and what would fix it.
import Foundation
public enum SealRenderError: Error, Equatable, Sendable {
    /// A font file is missing; `package` is the Debian package that provides it.
    case fontMissing(path: String, package: String)
    /// The font file holds no face with the expected family.
    case fontFaceMissing(path: String, family: String)
    /// The text has a character the font cannot draw.
    case characterNotInFont(character: String, field: String, font: String)
    /// A text field is empty.
    case emptyText(field: String)
    /// The text does not fit even with the narrowest glyphs the template allows.
    case textTooLong(field: String, glyphs: Int, needed: Double, minimum: Double)
    /// A code is malformed (the 13-digit seal code, the 18-character taxpayer number).
    case malformedCode(field: String, value: String, expected: String)
    /// The template lacks a field the content needs, or has an invalid value.
    case invalidTemplate(id: String, reason: String)
    /// No template with this id.
    case unknownTemplate(id: String, available: [String])
    /// A template file could not be read.
    case templateFile(path: String, reason: String)
    /// The square layout supports 2, 3 or 4 characters.
    case unsupportedGlyphCount(field: String, count: Int, supported: [Int])
    /// cairo or FreeType failed.
    case drawing(operation: String, status: String)
}

extension SealRenderError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .fontMissing(let path, let package):
            return "font file \(path) is missing; install the Debian package \(package) (Scripts/setup does)"
        case .fontFaceMissing(let path, let family):
            return "\(path) holds no face of the family \(family)"
        case .characterNotInFont(let character, let field, let font):
            return "\(field): the character \"\(character)\" (U+\(String(character.unicodeScalars.first!.value, radix: 16, uppercase: true))) is not in \(font)"
        case .emptyText(let field):
            return "\(field) is empty"
        case .textTooLong(let field, let glyphs, let needed, let minimum):
            return "\(field): \(glyphs) characters do not fit; the glyphs would be compressed to \(String(format: "%.2f", needed)) of their width, below the template's minimum \(String(format: "%.2f", minimum)) — use the registered short name (规范化简称)"
        case .malformedCode(let field, let value, let expected):
            return "\(field) \"\(value)\" is malformed: expected \(expected)"
        case .invalidTemplate(let id, let reason):
            return "template \(id): \(reason)"
        case .unknownTemplate(let id, let available):
            return "no template \"\(id)\"; available: \(available.joined(separator: ", "))"
        case .templateFile(let path, let reason):
            return "template file \(path): \(reason)"
        case .unsupportedGlyphCount(let field, let count, let supported):
            return "\(field) has \(count) characters; this layout takes \(supported.map(String.init).joined(separator: ", "))"
        case .drawing(let operation, let status):
            return "drawing failed in \(operation): \(status)"
        }
    }
}
