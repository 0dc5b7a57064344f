import SealCrypto

/// The xoshiro256** generator as the fountain code uses it: seeded with SHA-256 of the seed bytes (four big-endian
/// 64-bit words), so that encoder and decoder derive the same fragment choices from a part's number and checksum.
struct Xoshiro256StarStar {
    private var s: (UInt64, UInt64, UInt64, UInt64)

    init(seed: [UInt8]) {
        let digest = (try? DigestAlgorithm.sha256.hash(seed)) ?? [UInt8](repeating: 0, count: 32)
        func word(_ index: Int) -> UInt64 { digest[(index * 8)..<(index * 8 + 8)].reduce(0) { $0 << 8 | UInt64($1) } }
        s = (word(0), word(1), word(2), word(3))
    }

    init(seed text: String) { self.init(seed: Array(text.utf8)) }

    /// The seed of a fountain part: seqNum and checksum, 4 bytes big-endian each.
    init(seqNum: UInt32, checksum: UInt32) {
        self.init(seed: Self.bigEndian(seqNum) + Self.bigEndian(checksum))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] { [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }

    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    mutating func next() -> UInt64 {
        let result = Self.rotl(s.1 &* 5, 7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = Self.rotl(s.3, 45)
        return result
    }

    /// next() / 2⁶⁴, as the reference divides.
    mutating func nextDouble() -> Double { Double(next()) / 18_446_744_073_709_551_616.0 }

    /// A value in low...high (inclusive).
    mutating func nextInt(_ low: UInt64, _ high: UInt64) -> UInt64 {
        UInt64((nextDouble() * Double(high - low + 1)).rounded(.towardZero)) + low
    }

    // nextDouble can round to exactly 1.0, making nextInt(0, 255) 256: stay in range.
    mutating func nextByte() -> UInt8 { UInt8(min(nextInt(0, 255), 255)) }

    mutating func nextData(_ count: Int) -> [UInt8] { (0..<count).map { _ in nextByte() } }
}
