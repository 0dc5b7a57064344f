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

    /// The longest message a part may announce: `maximumSeqLen` fragments of `maximumFragmentLength` bytes.
    public static let maximumMessageLength = maximumSeqLen * maximumFragmentLength

    /// Reads a part's CBOR: five items, four unsigned integers (seqNum and checksum 32-bit) and a byte string. Every
    /// number is range-checked as the 64-bit value read, before it is converted: a hostile frame cannot trap.
    /// - Throws: `URError.invalidPart` naming the number out of range.
    public init(cbor: [UInt8]) throws {
        guard case .array(let items) = try MinimalCBOR.decode(cbor), items.count == 5,
              case .unsigned(let seqNum) = items[0], case .unsigned(let seqLen) = items[1], case .unsigned(let messageLen) = items[2],
              case .unsigned(let checksum) = items[3], case .bytes(let data) = items[4]
        else { throw URError.invalidPart("not [seqNum, seqLen, messageLen, checksum, data]") }
        guard (1...UInt64(UInt32.max)).contains(seqNum) else {
            throw URError.invalidPart("its part number \(seqNum) is out of range (1…\(UInt32.max))")
        }
        guard (1...UInt64(Self.maximumSeqLen)).contains(seqLen) else {
            throw URError.invalidPart("it announces \(seqLen) fragments; at most \(Self.maximumSeqLen) are read")
        }
        guard checksum <= UInt64(UInt32.max) else {
            throw URError.invalidPart("its checksum \(checksum) is not a 32-bit CRC")
        }
        guard !data.isEmpty, data.count <= Self.maximumFragmentLength else {
            throw URError.invalidPart("its fragment is \(data.count) bytes; fragments hold 1…\(Self.maximumFragmentLength) bytes")
        }
        // Whether the fragments hold exactly this message is the decoder's check (isConsistent), on numbers now in range.
        guard (1...UInt64(Self.maximumMessageLength)).contains(messageLen) else {
            throw URError.invalidPart("it announces a \(messageLen)-byte message; messages of 1…\(Self.maximumMessageLength) bytes are read")
        }
        self.init(seqNum: UInt32(seqNum), seqLen: Int(seqLen), messageLen: Int(messageLen), checksum: UInt32(checksum), data: data)
    }
}
