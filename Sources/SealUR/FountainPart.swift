/// One part of a fountain-coded message: `[seqNum, seqLen, messageLen, checksum, data]` in CBOR.
public struct FountainPart: Sendable, Equatable {
    public var seqNum: UInt32
    public var seqLen: Int
    public var messageLen: Int
    /// CRC-32 of the whole message.
    public var checksum: UInt32
    /// The XOR of the fragments this part carries.
    public var data: [UInt8]

    public init(seqNum: UInt32, seqLen: Int, messageLen: Int, checksum: UInt32, data: [UInt8]) {
        self.seqNum = seqNum
        self.seqLen = seqLen
        self.messageLen = messageLen
        self.checksum = checksum
        self.data = data
    }

    /// The CBOR array.
    public var cbor: [UInt8] {
        MinimalCBOR.encode(.array([
            .unsigned(UInt64(seqNum)), .unsigned(UInt64(seqLen)), .unsigned(UInt64(messageLen)), .unsigned(UInt64(checksum)), .bytes(data),
        ]))
    }

    /// The most fragments a part may announce: optical transfer of anything larger takes days, and the fountain's
    /// sampler and shuffle grow with it (a hostile frame must not stall the receiver).
    public static let maximumSeqLen = 20_000
    /// The longest fragment a part may carry (a QR symbol holds under 1,500 bytes of UR text per 700 bytes).
    public static let maximumFragmentLength = 4096

    /// Whether the fragments can hold the message exactly: seqLen fragments of data.count bytes, the last one not
    /// entirely padding.
    public var isConsistent: Bool {
        !data.isEmpty && data.count * seqLen >= messageLen && data.count * (seqLen - 1) < messageLen
    }

    /// Reads a part's CBOR: five items, four unsigned integers (seqNum and checksum 32-bit) and a byte string.
    public init(cbor: [UInt8]) throws {
        guard case .array(let items) = try MinimalCBOR.decode(cbor), items.count == 5,
              case .unsigned(let seqNum) = items[0], case .unsigned(let seqLen) = items[1], case .unsigned(let messageLen) = items[2],
              case .unsigned(let checksum) = items[3], case .bytes(let data) = items[4]
        else { throw URError.invalidPart("not [seqNum, seqLen, messageLen, checksum, data]") }
        guard seqNum >= 1, seqNum <= UInt64(UInt32.max), checksum <= UInt64(UInt32.max), seqLen >= 1,
              seqLen <= UInt64(Self.maximumSeqLen), messageLen >= 1,
              // known defect, fixed on parsers branch: a length >= 2^63 trapped in Int(messageLen) below.
              messageLen <= UInt64(Self.maximumSeqLen * Self.maximumFragmentLength), data.count <= Self.maximumFragmentLength
        else {
            throw URError.invalidPart(
                "numbers out of range (part \(seqNum) of \(seqLen), \(messageLen) bytes, \(data.count)-byte fragment; at most \(Self.maximumSeqLen) fragments of \(Self.maximumFragmentLength) bytes)")
        }
        self.init(seqNum: UInt32(seqNum), seqLen: Int(seqLen), messageLen: Int(messageLen), checksum: UInt32(checksum), data: data)
    }
}
