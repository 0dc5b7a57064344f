/// The few CBOR (RFC 8949) items URs need — unsigned integers, byte strings and arrays — in their shortest
/// (canonical) encodings, and a strict reader for them.
enum MinimalCBOR {
    /// A decoded item.
    indirect enum Item: Equatable {
        case unsigned(UInt64)
        case bytes([UInt8])
        case array([Item])
    }

    static func encode(_ item: Item) -> [UInt8] {
        switch item {
        case .unsigned(let value): return head(major: 0, value)
        case .bytes(let bytes): return head(major: 2, UInt64(bytes.count)) + bytes
        case .array(let items): return head(major: 4, UInt64(items.count)) + items.flatMap(encode)
        }
    }

    /// The major type and argument, in the shortest form.
    static func head(major: UInt8, _ value: UInt64) -> [UInt8] {
        let type = major << 5
        switch value {
        case 0..<24: return [type | UInt8(value)]
        case 24...0xFF: return [type | 24, UInt8(value)]
        case 0x100...0xFFFF: return [type | 25] + bigEndian(value, count: 2)
        case 0x1_0000...0xFFFF_FFFF: return [type | 26] + bigEndian(value, count: 4)
        default: return [type | 27] + bigEndian(value, count: 8)
        }
    }

    static func bigEndian(_ value: UInt64, count: Int) -> [UInt8] {
        (0..<count).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    /// Decodes exactly one item filling `bytes`; non-shortest forms, other types and trailing bytes are refused.
    static func decode(_ bytes: [UInt8]) throws -> Item {
        var offset = 0
        let item = try decode(bytes, &offset, depth: 0)
        guard offset == bytes.count else { throw URError.invalidCBOR("\(bytes.count - offset) bytes after the item") }
        return item
    }

    private static func decode(_ bytes: [UInt8], _ offset: inout Int, depth: Int) throws -> Item {
        guard depth < 4 else { throw URError.invalidCBOR("nested too deeply") }
        guard offset < bytes.count else { throw URError.invalidCBOR("truncated") }
        let initial = bytes[offset]
        offset += 1
        let major = initial >> 5, info = initial & 0x1F
        let value: UInt64
        switch info {
        case 0..<24: value = UInt64(info)
        case 24, 25, 26, 27:
            let count = 1 << Int(info - 24)
            guard offset + count <= bytes.count else { throw URError.invalidCBOR("truncated") }
            value = bytes[offset..<offset + count].reduce(0) { $0 << 8 | UInt64($1) }
            offset += count
            guard head(major: major, value).count == 1 + count else { throw URError.invalidCBOR("a number not in its shortest form") }
        default: throw URError.invalidCBOR("indefinite or reserved length")
        }
        switch major {
        case 0: return .unsigned(value)
        case 2:
            guard value <= UInt64(bytes.count - offset) else { throw URError.invalidCBOR("a byte string longer than the input") }
            let content = Array(bytes[offset..<offset + Int(value)])
            offset += Int(value)
            return .bytes(content)
        case 4:
            guard value <= 16 else { throw URError.invalidCBOR("an array of \(value) items") }
            return .array(try (0..<Int(value)).map { _ in try decode(bytes, &offset, depth: depth + 1) })
        default: throw URError.invalidCBOR("major type \(major)")
        }
    }
}
