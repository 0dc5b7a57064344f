/// CRC-32 (ISO-HDLC: the zlib/PNG/ZIP checksum; reflected polynomial 0xEDB88320, initial and final value
/// 0xFFFFFFFF), as Bytewords and the fountain code use it.
public enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? (value >> 1) ^ 0xEDB8_8320 : value >> 1 }
        return value
    }

    /// The checksum of `bytes`.
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = (crc >> 8) ^ table[Int((crc ^ UInt32(byte)) & 0xFF)] }
        return crc ^ 0xFFFF_FFFF
    }

    /// The checksum as four bytes, big-endian (as Bytewords appends it).
    public static func bigEndianBytes(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        let value = checksum(bytes)
        return [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
