/// What the outer header of a file says about it as one DER SEQUENCE, judged before any parsing: so a message can
/// say "the file is truncated" or "this is not such a file" rather than what a parser met deep inside.
public enum DERShape: Equatable, Sendable, CustomStringConvertible {
    /// One whole SEQUENCE, nothing after it.
    case whole
    /// No bytes at all.
    case empty
    /// The first byte is not a SEQUENCE tag (0x30): another kind of file.
    case notDER(firstByte: UInt8)
    /// BER's indefinite length (0x80), which DER does not allow.
    case indefiniteLength
    /// The length field is longer than 8 bytes.
    case lengthTooLong(lengthBytes: Int)
    /// The file ends inside the header, or before the content length the header declares.
    case truncated(declared: UInt64, present: UInt64)
    /// Other bytes follow the SEQUENCE.
    case trailingBytes(count: UInt64)

    /// The shape of `bytes`; every length is compared without conversions that could trap.
    public init(of bytes: [UInt8]) {
        guard let first = bytes.first else { self = .empty; return }
        guard first == 0x30 else { self = .notDER(firstByte: first); return }
        guard bytes.count >= 2 else { self = .truncated(declared: 0, present: 0); return }
        let lengthByte = bytes[1]
        var declared = UInt64(lengthByte)
        var header: UInt64 = 2
        if lengthByte == 0x80 { self = .indefiniteLength; return }
        if lengthByte > 0x80 {
            let lengthCount = Int(lengthByte & 0x7F)
            guard lengthCount <= 8 else { self = .lengthTooLong(lengthBytes: lengthCount); return }
            guard bytes.count >= 2 + lengthCount else { self = .truncated(declared: 0, present: 0); return }
            declared = bytes[2..<(2 + lengthCount)].reduce(0) { $0 << 8 | UInt64($1) }
            header += UInt64(lengthCount)
        }
        let (total, overflow) = header.addingReportingOverflow(declared)
        let actual = UInt64(bytes.count)
        if overflow || total > actual {
            self = .truncated(declared: declared, present: actual - header)
        } else if total < actual {
            self = .trailingBytes(count: actual - total)
        } else {
            self = .whole
        }
    }

    public var description: String {
        switch self {
        case .whole: return "one whole DER structure"
        case .empty: return "the file is empty"
        case .notDER(let byte): return "it does not start as a DER structure does (first byte 0x\(Hex.encode([byte])), not 0x30)"
        case .indefiniteLength: return "it uses an indefinite length (BER), which DER does not allow"
        case .lengthTooLong(let count): return "its header declares a \(count)-byte length field, more than can be read"
        case .truncated(let declared, let present) where declared == 0 && present == 0:
            return "the file is truncated: it ends inside its DER header"
        case .truncated(let declared, let present):
            return "the file is truncated: its DER header declares \(declared) bytes of content but only \(present) follow"
        case .trailingBytes(let count): return "\(count) bytes follow the DER structure (another file appended?)"
        }
    }
}
