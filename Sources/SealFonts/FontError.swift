/// Why a font could not be opened, measured or subset; each case names the file or the face in the user's terms.
public enum FontError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The font file is not there; `package` is the Debian package that ships it.
    case fontMissing(path: String, package: String)
    /// The file exists but is not a font HarfBuzz can read (or cannot be read at all).
    case unreadable(path: String)
    /// The file holds no face with that index (a .ttc holds several).
    case faceIndexOutOfRange(path: String, index: Int, count: Int)
    /// No face of the file has the expected family name.
    case familyMissing(path: String, family: String)
    /// hb-subset could not make a subset of the face.
    case subsetFailed(family: String)

    public var description: String {
        switch self {
        case .fontMissing(let path, let package):
            return "font file \(path) is missing; install the Debian package \(package) (Scripts/setup does)"
        case .unreadable(let path):
            return "\(path) cannot be read as a TrueType or OpenType font"
        case .faceIndexOutOfRange(let path, let index, let count):
            return "\(path) has \(count) face(s); there is no face \(index)"
        case .familyMissing(let path, let family):
            return "\(path) holds no face of the family \(family)"
        case .subsetFailed(let family):
            return "the font subset of \(family) could not be made (hb-subset failed)"
        }
    }
}
