import Foundation

/// A Uniform Resource (BCR-2020-005): a type and its CBOR, written `ur:<type>/<minimal bytewords>` in one piece, or
/// `ur:<type>/<seqNum>-<seqLen>/<minimal bytewords of a fountain part>` in many.
public struct UniformResource: Sendable, Equatable {
    /// Lower-case letters, digits and '-'.
    public let type: String
    public let cbor: [UInt8]

    public init(type: String, cbor: [UInt8]) throws {
        guard Self.isValidType(type) else { throw URError.invalidType(type) }
        self.type = type
        self.cbor = cbor
    }

    /// `ur:bytes`: `bytes` wrapped as a CBOR byte string.
    public init(bytes: [UInt8]) {
        type = "bytes"
        cbor = MinimalCBOR.encode(.bytes(bytes))
    }

    /// The content of a `ur:bytes` resource.
    public func bytes() throws -> [UInt8] {
        guard type == "bytes", case .bytes(let content) = try MinimalCBOR.decode(cbor) else {
            throw URError.invalidCBOR("a ur:bytes resource must hold one CBOR byte string")
        }
        return content
    }

    /// The single-part string (lower case).
    public var string: String { "ur:\(type)/" + Bytewords.encode(cbor, style: .minimal) }

    /// Reads a single-part UR (either case).
    public init(_ string: String) throws {
        let (type, pieces) = try Self.split(string)
        guard pieces.count == 1 else { throw URError.invalidSequence(pieces.first ?? "") }
        try self.init(type: type, cbor: Bytewords.decode(pieces[0], style: .minimal))
    }

    static func isValidType(_ type: String) -> Bool {
        !type.isEmpty && type.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    /// The type and the path pieces after it, lower-cased.
    static func split(_ string: String) throws -> (type: String, pieces: [String]) {
        let lower = string.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
        guard lower.hasPrefix("ur:") else { throw URError.invalidScheme(string) }
        let pieces = lower.dropFirst(3).split(separator: "/").map(String.init)
        guard pieces.count >= 2 else { throw URError.invalidScheme(string) }
        guard isValidType(pieces[0]) else { throw URError.invalidType(pieces[0]) }
        return (pieces[0], Array(pieces.dropFirst()))
    }
}

