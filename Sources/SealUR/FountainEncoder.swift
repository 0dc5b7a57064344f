/// Splits a message into fragments and emits an endless sequence of parts: the first `seqLen` carry one fragment
/// each, later ones XOR random subsets, so a receiver can rebuild the message from any sufficient set of parts.
public struct FountainEncoder: Sendable {
    public let messageLen: Int
    public let checksum: UInt32
    public let fragmentLength: Int
    private let fragments: [[UInt8]]
    /// The number of the last part emitted.
    public private(set) var seqNum: UInt32

    /// The default shortest fragment (the reference's 10 bytes).
    public static let minimumFragmentLength = 10

    /// An encoder for `message` with fragments of at most `maxFragmentLength` bytes; parts start after `firstSeqNum`.
    public init(_ message: [UInt8], maxFragmentLength: Int, firstSeqNum: UInt32 = 0, minFragmentLength: Int = FountainEncoder.minimumFragmentLength) throws {
        guard !message.isEmpty else { throw URError.invalidPart("an empty message") }
        guard minFragmentLength >= 1, maxFragmentLength >= minFragmentLength else {
            throw URError.invalidPart("fragment length \(maxFragmentLength) is below the minimum \(minFragmentLength)")
        }
        messageLen = message.count
        checksum = CRC32.checksum(message)
        fragmentLength = FountainFragments.nominalLength(messageLength: message.count, minLength: minFragmentLength, maxLength: maxFragmentLength)
        fragments = FountainFragments.partition(message, fragmentLength: fragmentLength)
        seqNum = firstSeqNum
    }

    /// Fragments in the message: the fewest parts that can carry it.
    public var seqLen: Int { fragments.count }

    /// Whether every fragment has been sent at least once as a pure part.
    public var isComplete: Bool { seqNum >= UInt32(seqLen) }

    /// The next part.
    public mutating func nextPart() -> FountainPart {
        seqNum &+= 1
        var data = [UInt8](repeating: 0, count: fragmentLength)
        for index in FountainFragments.choose(seqNum: seqNum, seqLen: seqLen, checksum: checksum) {
            for offset in 0..<fragmentLength { data[offset] ^= fragments[index][offset] }
        }
        return FountainPart(seqNum: seqNum, seqLen: seqLen, messageLen: messageLen, checksum: checksum, data: data)
    }
}
