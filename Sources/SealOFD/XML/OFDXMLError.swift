/// Why an XML file of an OFD package was refused; each case names the file.
public enum OFDXMLError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file declares a DTD (`<!DOCTYPE`) or entities (`<!ENTITY`): refused, never expanded or fetched.
    case documentTypeDeclaration(String)
    case notUTF8(String)
    case tooLarge(String, limit: Int)
    case tooDeep(String, limit: Int)
    case malformed(String, String)

    public var description: String {
        switch self {
        case .documentTypeDeclaration(let file):
            return "\(file) declares a DTD or entities (<!DOCTYPE or <!ENTITY>): refused, OFD XML never needs them (they allow external entities and entity-expansion bombs)"
        case .notUTF8(let file): return "\(file) is not UTF-8 XML"
        case .tooLarge(let file, let limit): return "\(file) is over the \(limit)-byte limit for an XML file"
        case .tooDeep(let file, let limit): return "\(file) nests elements deeper than \(limit) levels"
        case .malformed(let file, let detail): return "\(file) is not well-formed XML: \(detail)"
        }
    }
}
