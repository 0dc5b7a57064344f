/// Why a filing bundle cannot be built or is not valid; each case names the file or field.
public enum FilingBundleError: Error, Equatable, CustomStringConvertible, Sendable {
    /// `bag-info.txt` is missing a field or has a malformed one.
    case badInfo(String)
    /// A data file SealStation does not write.
    case unknownFile(String)
    /// A file SealStation's layout needs is absent.
    case missingFile(String)
    /// A JSON or DER file does not decode.
    case malformed(file: String, reason: String)
    /// The contents contradict each other (counts, digests, names).
    case inconsistent(String)
    /// There is nothing to export: no audit record since the last bundle but that export's own.
    case nothingToExport(lastSeq: Int64)

    public var description: String {
        switch self {
        case .badInfo(let detail): return detail
        case .unknownFile(let path): return "\(path) is not a file a filing bundle has"
        case .missingFile(let path): return "the bundle has no \(path)"
        case .malformed(let file, let reason): return "\(file) is malformed: \(reason)"
        case .inconsistent(let detail): return detail
        case .nothingToExport(let seq): return "nothing to export: nothing has happened since the last bundle (which ends at audit record \(seq)) but its own export"
        }
    }
}
