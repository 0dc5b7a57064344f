public import SwiftASN1

/// An ASN.1 INTEGER read from untrusted input (a key file's iteration count, a backup header's threshold): parsed
/// at any width without trapping or failing on its size, so the caller can range-check it and name the value in
/// its message; `Int(derEncoded:)` would refuse a wide value as a bare encoding error.
public struct UntrustedInteger: DERImplicitlyTaggable, Sendable, Hashable, CustomStringConvertible {
    public static var defaultIdentifier: ASN1Identifier { .integer }

    /// The value, when it fits an `Int`.
    public let value: Int?
    /// The value in decimal; past 64 bits, its sign and width.
    public let description: String
    /// The minimal two's-complement content bytes, as read.
    let contentBytes: [UInt8]

    /// The value when it lies in `range`, else nil.
    public func value(in range: ClosedRange<Int>) -> Int? {
        value.flatMap { range.contains($0) ? $0 : nil }
    }

    public init(_ value: Int) {
        self.value = value
        description = String(value)
        var bytes = withUnsafeBytes(of: value.bigEndian, Array.init)
        // Minimal form: drop a leading byte that only repeats the sign of the next.
        while bytes.count > 1, (bytes[0] == 0 && bytes[1] < 0x80) || (bytes[0] == 0xFF && bytes[1] >= 0x80) { bytes.removeFirst() }
        contentBytes = bytes
    }

    public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        guard rootNode.identifier == identifier, case .primitive(let content) = rootNode.content else {
            throw ASN1Error.unexpectedFieldType(rootNode.identifier)
        }
        let bytes = Array(content)
        guard let first = bytes.first else { throw ASN1Error.invalidASN1IntegerEncoding(reason: "an INTEGER with no content") }
        if bytes.count > 1, (first == 0 && bytes[1] < 0x80) || (first == 0xFF && bytes[1] >= 0x80) {
            throw ASN1Error.invalidASN1IntegerEncoding(reason: "an INTEGER not in its shortest form")
        }
        contentBytes = bytes
        let negative = first >= 0x80
        if bytes.count <= 8 {
            // Sign-extend into 64 bits.
            let unsigned = bytes.reduce(negative ? UInt64.max : 0) { $0 << 8 | UInt64($1) }
            let signed = Int64(bitPattern: unsigned)
            value = Int(signed)
            description = String(signed)
        } else if bytes.count == 9, first == 0 {
            // 2^63 … 2^64-1: exact in UInt64, past Int.
            let unsigned = bytes.dropFirst().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            value = nil
            description = String(unsigned)
        } else {
            value = nil
            description = (negative ? "a negative " : "a ") + "\(bytes.count * 8)-bit number"
        }
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        coder.appendPrimitiveNode(identifier: identifier) { $0.append(contentsOf: contentBytes) }
    }
}
