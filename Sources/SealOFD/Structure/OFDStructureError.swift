/// Why the structure of an OFD package (OFD.xml, Document.xml, Signatures.xml) was refused; each case names the file.
public enum OFDStructureError: Error, Equatable, CustomStringConvertible, Sendable {
    /// An ST_Loc that cannot be resolved: (value, file it is in, why).
    case badLoc(String, in: String, String)
    /// A file an ST_Loc points to is not in the package: (path, file that refers to it).
    case missingFile(String, referredBy: String)
    /// The root element is not the expected one: (file, expected, found).
    case wrongRoot(String, expected: String, found: String)
    /// The root element's namespace is not OFD's: (file, namespace).
    case wrongNamespace(String, String)
    /// A required element or attribute is missing: (file, what).
    case missing(String, String)
    /// A value is not of its type or out of range: (file, what, value).
    case badValue(String, String, String)

    public var description: String {
        switch self {
        case .badLoc(let value, let file, let why): return "the path '\(value)' in \(file) cannot be used: \(why)"
        case .missingFile(let path, let file): return "\(file) refers to \(path), which is not in the OFD package"
        case .wrongRoot(let file, let expected, let found): return "\(file) is not an OFD \(expected) file: its root element is \(found)"
        case .wrongNamespace(let file, let namespace):
            return "\(file) is not in the OFD namespace (http://www.ofdspec.org/2016): its namespace is '\(namespace)'"
        case .missing(let file, let what): return "\(file) has no \(what)"
        case .badValue(let file, let what, let value): return "\(file) has an invalid \(what): '\(value)'"
        }
    }
}
