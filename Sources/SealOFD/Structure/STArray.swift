/// An ST_Array of numbers (GB/T 33190 §7.3.2): whitespace-separated decimal numbers, where `g N V` stands for N
/// copies of V (the repeat syntax TextCode `DeltaX`/`DeltaY` use). Numbers are plain decimals (no `nan`, `inf` or hex),
/// at most ``STArray/largestMagnitude`` in size; the expanded array has at most `maximumCount` values.
public struct STArray: Sendable, Equatable {
    /// The largest magnitude accepted for a coordinate or length, in millimetres (one kilometre).
    public static let largestMagnitude = 1_000_000.0

    /// The values with every `g N V` expanded.
    public var values: [Double]

    /// Reads `text`, the value of `what` in `file` (for messages).
    /// - Throws: ``OFDStructureError/badValue(_:_:_:)`` naming the file, the attribute and the value.
    public init(_ text: String, what: String, in file: String, maximumCount: Int = 1 << 16) throws {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        var values: [Double] = []
        var index = 0
        func bad() -> OFDStructureError { .badValue(file, what, String(text.prefix(200))) }
        while index < tokens.count {
            if tokens[index] == "g" {
                guard index + 2 < tokens.count, let count = Self.count(tokens[index + 1]) else { throw bad() }
                let value = try Self.number(tokens[index + 2], what: what, in: file)
                guard count <= maximumCount - values.count else { throw bad() }
                values.append(contentsOf: repeatElement(value, count: count))
                index += 3
            } else {
                guard values.count < maximumCount else { throw bad() }
                values.append(try Self.number(tokens[index], what: what, in: file))
                index += 1
            }
        }
        self.values = values
    }

    /// A repeat count: 1 to 65,536 written in decimal digits.
    static func count(_ token: Substring) -> Int? {
        guard !token.isEmpty, token.utf8.count <= 5, token.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = Int(token),
            (1...(1 << 16)).contains(value)
        else { return nil }
        return value
    }

    /// One decimal number (`-12`, `3.5`, `.5`, `1e2`): sign, digits with at most one point, an optional exponent;
    /// finite and at most ``largestMagnitude``.
    static func number(_ token: Substring, what: String, in file: String) throws -> Double {
        let bytes = Array(token.utf8)
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        var digits = 0
        var point = false
        while index < bytes.count {
            let byte = bytes[index]
            if (0x30...0x39).contains(byte) {
                digits += 1
            } else if byte == UInt8(ascii: "."), !point {
                point = true
            } else {
                break
            }
            index += 1
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            var exponentDigits = 0
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0, exponentDigits <= 3 else { throw OFDStructureError.badValue(file, what, String(token.prefix(40))) }
        }
        guard digits > 0, digits <= 40, index == bytes.count, let value = Double(String(token)), value.isFinite,
            abs(value) <= largestMagnitude
        else { throw OFDStructureError.badValue(file, what, String(token.prefix(40))) }
        return value
    }
}
