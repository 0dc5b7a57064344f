/// Why a UR, a Bytewords string or a fountain part was refused; each names the problem.
public enum URError: Error, Equatable, CustomStringConvertible, Sendable {
    case invalidScheme(String)
    case invalidType(String)
    case invalidSequence(String)
    case invalidBytewords(String)
    case checksumMismatch
    case invalidCBOR(String)
    case invalidPart(String)
    case differentMessage(String)
    case messageChecksumMismatch

    public var description: String {
        switch self {
        case .invalidScheme(let text): return "\"\(text.prefix(40))\" is not a UR (it must start with ur:)"
        case .invalidType(let type): return "\"\(type)\" is not a UR type (lower-case letters, digits and '-')"
        case .invalidSequence(let text): return "\"\(text)\" is not a part number such as 12-345"
        case .invalidBytewords(let detail): return "the Bytewords are invalid: \(detail)"
        case .checksumMismatch: return "the Bytewords checksum (CRC-32) does not match: the frame is corrupted"
        case .invalidCBOR(let detail): return "the part's CBOR is invalid: \(detail)"
        case .invalidPart(let detail): return "the fountain part is invalid: \(detail)"
        case .differentMessage(let detail): return "the part belongs to another message: \(detail)"
        case .messageChecksumMismatch: return "the reassembled message does not match its checksum"
        }
    }
}
