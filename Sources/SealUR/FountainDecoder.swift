/// Rebuilds a message from fountain parts received in any order, with any missing: pure parts are kept, mixed parts
/// are reduced by the parts already known until they become pure. Parts of another message (another length,
/// checksum or fragment size) are refused; the result is checked against the message's CRC-32.
public struct FountainDecoder: Sendable {
    private struct Mixed: Sendable {
        var indexes: Set<Int>
        var data: [UInt8]
        var key: [Int] { indexes.sorted() }
    }

    /// The message's shape, fixed by the first part.
    public private(set) var seqLen: Int?
    public private(set) var messageLen: Int?
    public private(set) var checksum: UInt32?
    private var fragmentLength: Int?
    private var simple: [Int: [UInt8]] = [:]
    private var mixed: [[Int]: Mixed] = [:]
    private var queue: [Mixed] = []
    /// Parts accepted so far.
    public private(set) var processedCount = 0
    /// The message, once every fragment is known and the checksum matched.
    public private(set) var message: [UInt8]?

    public init() {}

    /// Fragments known so far, of `seqLen`.
    public var fragmentsKnown: Int { simple.count }
    public var isComplete: Bool { message != nil }

    /// Feeds one part. Returns false for a duplicate or a part after completion (still checked to be of this message).
    /// - Throws: `URError.differentMessage` for a part of another message; `.messageChecksumMismatch` when the fragments
    ///   do not make the message the checksum names.
    @discardableResult
    public mutating func receive(_ part: FountainPart) throws -> Bool {
        guard part.isConsistent else {
            throw URError.invalidPart("part \(part.seqNum) says \(part.seqLen) fragments of \(part.data.count) bytes make \(part.messageLen) bytes")
        }
        if let seqLen, let messageLen, let checksum, let fragmentLength {
            guard part.seqLen == seqLen, part.messageLen == messageLen, part.checksum == checksum, part.data.count == fragmentLength else {
                throw URError.differentMessage(
                    "it is part \(part.seqNum) of a \(part.messageLen)-byte message with checksum \(part.checksum), not of the \(messageLen)-byte one with checksum \(checksum)")
            }
        } else {
            (seqLen, messageLen, checksum, fragmentLength) = (part.seqLen, part.messageLen, part.checksum, part.data.count)
        }
        guard message == nil else { return false }
        let indexes = FountainFragments.choose(seqNum: part.seqNum, seqLen: part.seqLen, checksum: part.checksum)
        queue.append(Mixed(indexes: indexes, data: part.data))
        while message == nil, !queue.isEmpty {
            try process(queue.removeFirst())
        }
        processedCount += 1
        return true
    }

    private mutating func process(_ part: Mixed) throws {
        if part.indexes.count == 1 {
            let index = part.indexes.first!
            guard simple[index] == nil else { return }
            simple[index] = part.data
            if simple.count == seqLen! {
                var assembled: [UInt8] = []
                assembled.reserveCapacity(seqLen! * fragmentLength!)
                for index in 0..<seqLen! { assembled += simple[index]! }
                let result = Array(assembled.prefix(messageLen!))
                guard CRC32.checksum(result) == checksum! else { throw URError.messageChecksumMismatch }
                message = result
            } else {
                reduceMixed(by: part)
            }
            return
        }
        guard mixed[part.key] == nil else { return }
        var reduced = part
        // By every known fragment it contains (a single index is a strict subset while two or more remain), then by
        // every mixed part whose fragments it strictly contains; the order does not change the result.
        for index in part.indexes.sorted() where reduced.indexes.count > 1 {
            if let data = simple[index] { reduced = Self.reduce(reduced, by: Mixed(indexes: [index], data: data)) }
        }
        for other in mixed.values { reduced = Self.reduce(reduced, by: other) }
        if reduced.indexes.count == 1 {
            queue.append(reduced)
        } else {
            reduceMixed(by: reduced)
            if mixed[reduced.key] == nil { mixed[reduced.key] = reduced }
        }
    }

    private mutating func reduceMixed(by part: Mixed) {
        var next: [[Int]: Mixed] = [:]
        next.reserveCapacity(mixed.count)
        for current in mixed.values {
            let reduced = Self.reduce(current, by: part)
            if reduced.indexes.count == 1 {
                queue.append(reduced)
            } else if next[reduced.key] == nil {
                next[reduced.key] = reduced
            }
        }
        mixed = next
    }

    /// `a` without `b`'s fragments when `b`'s are a strict subset of `a`'s.
    private static func reduce(_ a: Mixed, by b: Mixed) -> Mixed {
        guard b.indexes.isStrictSubset(of: a.indexes) else { return a }
        var data = a.data
        for offset in data.indices { data[offset] ^= b.data[offset] }
        return Mixed(indexes: a.indexes.subtracting(b.indexes), data: data)
    }
}
