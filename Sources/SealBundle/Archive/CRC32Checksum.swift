internal import CZlibSystem

/// The ZIP CRC-32 (ISO 3309) of bytes, through zlib's `crc32` (several times faster than a byte-wise table): the only
/// code of SealBundle that calls C.
struct CRC32Checksum {
    /// The checksum so far (0 before any byte).
    private(set) var value: UInt32 = 0

    /// Adds `bytes` to the checksum.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var rest = bytes
        // zlib takes at most 4 GiB − 1 a call.
        while !rest.isEmpty {
            let count = min(rest.count, Int(UInt32.max))
            value = UInt32(truncatingIfNeeded: crc32(UInt(value), rest.baseAddress!.assumingMemoryBound(to: Bytef.self), UInt32(count)))
            rest = UnsafeRawBufferPointer(rebasing: rest[count...])
        }
    }

    /// The checksum of `bytes`.
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc = CRC32Checksum()
        bytes.withUnsafeBytes { crc.update($0) }
        return crc.value
    }
}
