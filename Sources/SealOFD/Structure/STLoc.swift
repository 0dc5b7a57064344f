import Foundation

/// An ST_Loc (GB/T 33190 §7.3.2): a path to a file of the package, absolute from the package root when it starts with
/// `/`, otherwise relative to the directory of the XML file that contains it. Resolved to a member path (no leading
/// `/`, case kept as written: package paths are case-sensitive); `.` segments are dropped, `..` climbs one directory
/// and may not leave the package.
public struct STLoc: Sendable, Equatable, CustomStringConvertible {
    /// The value as written in the XML (whitespace trimmed).
    public let written: String
    /// The member path it resolves to, e.g. `Doc_0/Pages/Page_0/Content.xml`.
    public let path: String

    /// Resolves `written` against `referringFile`, the package path of the XML file that contains it.
    /// - Throws: ``OFDStructureError/badLoc(_:in:_:)`` for an empty value, a backslash or control character, or `..` escaping the package.
    public init(_ written: String, in referringFile: String) throws {
        let value = written.trimmingCharacters(in: .whitespacesAndNewlines)
        self.written = value
        guard !value.isEmpty else { throw OFDStructureError.badLoc(value, in: referringFile, "it is empty") }
        for scalar in value.unicodeScalars where scalar == "\\" || scalar.value < 0x20 || scalar.value == 0x7F {
            throw OFDStructureError.badLoc(value, in: referringFile, "it contains a backslash or a control character")
        }
        var segments: [Substring]
        if value.hasPrefix("/") {
            segments = []
        } else {
            segments = referringFile.split(separator: "/")
            segments.removeLast(segments.isEmpty ? 0 : 1)
        }
        for segment in value.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..":
                guard !segments.isEmpty else { throw OFDStructureError.badLoc(value, in: referringFile, "'..' leads outside the package") }
                segments.removeLast()
            default: segments.append(segment)
            }
        }
        guard !segments.isEmpty else { throw OFDStructureError.badLoc(value, in: referringFile, "it names the package root, not a file") }
        path = segments.joined(separator: "/")
    }

    public var description: String { path }
}
