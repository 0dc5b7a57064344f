import Foundation

/// How the fountain code cuts a message and which fragments each part mixes (BCR-2020-005 §4–5, as the reference).
enum FountainFragments {
    /// The fragment length: the smallest even split of `length` into pieces of at most `maxLength` bytes, with pieces
    /// no shorter than `minLength` (the reference's rule; for messages shorter than `minLength`, one fragment).
    static func nominalLength(messageLength length: Int, minLength: Int, maxLength: Int) -> Int {
        let maxCount = length / minLength
        var fragmentLength = length
        if maxCount >= 1 {
            for count in 1...maxCount {
                fragmentLength = Int((Double(length) / Double(count)).rounded(.up))
                if fragmentLength <= maxLength { break }
            }
        }
        return fragmentLength
    }

    /// `message` cut into `fragmentLength` pieces, the last padded with zeros.
    static func partition(_ message: [UInt8], fragmentLength: Int) -> [[UInt8]] {
        stride(from: 0, to: message.count, by: fragmentLength).map { start in
            var fragment = Array(message[start..<min(start + fragmentLength, message.count)])
            fragment += [UInt8](repeating: 0, count: fragmentLength - fragment.count)
            return fragment
        }
    }

    /// 1 + a draw with weights 1/1, 1/2, … 1/seqLen (the sampler built once per seqLen).
    static func chooseDegree(seqLen: Int, rng: inout Xoshiro256StarStar) -> Int {
        SamplerCache.shared.sampler(seqLen: seqLen).next(&rng) + 1
    }

    /// Remove-and-append shuffle with `rng`, stopped after `limit` picks: the first picks depend only on the first
    /// draws, so the prefix is the reference's full shuffle's prefix.
    static func shuffled(_ items: [Int], rng: inout Xoshiro256StarStar, limit: Int? = nil) -> [Int] {
        var remaining = items, result: [Int] = []
        let count = min(limit ?? items.count, items.count)
        result.reserveCapacity(count)
        while result.count < count {
            // nextDouble can round to exactly 1.0 (the reference leaves that undefined): stay in range.
            let index = min(Int(rng.nextInt(0, UInt64(remaining.count - 1))), remaining.count - 1)
            result.append(remaining.remove(at: index))
        }
        return result
    }

    /// The fragment indexes part `seqNum` carries: one pure fragment for the first seqLen parts, then a random degree of
    /// a random shuffle, from the seed (seqNum, checksum).
    static func choose(seqNum: UInt32, seqLen: Int, checksum: UInt32) -> Set<Int> {
        if seqNum <= UInt32(seqLen) { return [Int(seqNum) - 1] }
        var rng = Xoshiro256StarStar(seqNum: seqNum, checksum: checksum)
        let degree = chooseDegree(seqLen: seqLen, rng: &rng)
        return Set(shuffled(Array(0..<seqLen), rng: &rng, limit: degree))
    }
}

/// Degree samplers by seqLen, built once (a process-wide, bounded cache).
final class SamplerCache: @unchecked Sendable {
    static let shared = SamplerCache()
    private let lock = NSLock()
    private var samplers: [Int: RandomSampler] = [:]

    func sampler(seqLen: Int) -> RandomSampler {
        if let sampler = lock.withLock({ samplers[seqLen] }) { return sampler }
        let sampler = RandomSampler((1...seqLen).map { 1.0 / Double($0) })
        lock.withLock {
            if samplers.count >= 16 { samplers.removeAll() }
            samplers[seqLen] = sampler
        }
        return sampler
    }
}
