/// A signature's /ByteRange `[0 b c d]` checked against the file: two ranges that start the file and leave exactly
/// the /Contents hex string between them (ISO 32000-1 §12.8.1).
struct PDFByteRange: Equatable {
    /// The end of the first range (the offset of `<`) and the start of the second (just after `>`).
    let gapStart: Int
    let gapEnd: Int
    /// Where the second range ends: the end of the revision the signature belongs to.
    let end: Int

    /// The two ranges' bytes, concatenated: what the signature's digest covers.
    func signedBytes(of file: [UInt8]) -> [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(end - (gapEnd - gapStart))
        bytes += file[0..<gapStart]
        bytes += file[gapEnd..<end]
        return bytes
    }

    /// Checks `values` against `file`; the failure says why in the reader's terms.
    static func check(_ values: [Int64], file: [UInt8]) -> Result<PDFByteRange, PDFByteRangeProblem> {
        guard values.count == 4 else { return .failure(.shape("it has \(values.count) numbers instead of 4")) }
        guard values.allSatisfy({ $0 >= 0 && $0 <= Int64(file.count) }) else {
            return .failure(.shape("\(values) does not lie within the file's \(file.count) bytes"))
        }
        let (a, b, c, d) = (Int(values[0]), Int(values[1]), Int(values[2]), Int(values[3]))
        guard a == 0 else { return .failure(.shape("the first range starts at \(a), not at the file's first byte")) }
        guard b >= 1, c > b + 1, c + d <= file.count, d >= 0 else {
            return .failure(.shape("\(values) does not describe two ranges around a gap inside the file"))
        }
        guard file[b] == UInt8(ascii: "<"), file[c - 1] == UInt8(ascii: ">") else {
            return .failure(.gap("the gap \(b)–\(c) is not the /Contents hex string (it does not run from '<' to '>')"))
        }
        for byte in file[(b + 1)..<(c - 1)] where !Self.isHexDigit(byte) {
            return .failure(.gap("the gap \(b)–\(c) holds a byte that is not a hex digit (0x\(String(byte, radix: 16)))"))
        }
        return .success(PDFByteRange(gapStart: b, gapEnd: c, end: c + d))
    }

    /// The gap's hex digits decoded.
    func gapBytes(of file: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        var high: UInt8?
        for byte in file[(gapStart + 1)..<(gapEnd - 1)] {
            let value = Self.hexValue(byte)
            if let first = high {
                bytes.append(first << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        if let first = high { bytes.append(first << 4) }
        return bytes
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8 {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        default: byte - 0x61 + 10
        }
    }
}

/// Why a /ByteRange is refused.
enum PDFByteRangeProblem: Error, CustomStringConvertible {
    case shape(String)
    case gap(String)

    var description: String {
        switch self {
        case .shape(let reason), .gap(let reason): reason
        }
    }
}
