public import SwiftASN1
import Foundation

/// Errors reading or writing GM/T 0031 / GB/T 38540 structures. Each names the structure and what is wrong.
public enum SESFormatError: Error, Equatable, Sendable {
    /// The DER of `structure` could not be read; `reason` is what the DER parser found.
    case malformed(structure: String, reason: String)
    /// `SES_Header.ID` is not "ES".
    case badHeaderID(String)
    /// The header or TBS_Sign version is not one this reader knows for the structure's shape.
    case unsupportedVersion(structure: String, version: Int)
    /// `certListType` is neither 1 (certificates) nor 2 (certificate digests).
    case unknownCertListType(Int)
    /// The input is larger than the reader accepts; refused before parsing.
    case tooLarge(size: Int, limit: Int)
    /// The top-level element count matches neither v1 (2) nor v4/v5 (4 or 5).
    case unknownLayout(elementCount: Int)
    /// A field that must be ASCII (IA5String) is not.
    case notASCII(field: String)
    /// A value is out of the range the standard allows.
    case invalidValue(field: String, reason: String)
}

extension SESFormatError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .malformed(let structure, let reason):
            return "malformed \(structure): \(reason)"
        case .badHeaderID(let id):
            return "SES_Header.ID is \"\(id)\", expected \"ES\""
        case .unsupportedVersion(let structure, let version):
            return "\(structure) version \(version) is not supported (v1 GM/T 0031-2014, v4 GB/T 38540-2020, v5 read as v4)"
        case .unknownCertListType(let type):
            return "SES_ESPropertyInfo.certListType \(type) is neither 1 (certificates) nor 2 (certificate digests)"
        case .tooLarge(let size, let limit):
            return "the input is \(size) bytes, over the \(limit)-byte limit; refused before parsing"
        case .unknownLayout(let count):
            return "a SEQUENCE of \(count) elements is neither a v1 (2) nor a v4 (4 or 5) structure"
        case .notASCII(let field):
            return "\(field) must be ASCII (IA5String)"
        case .invalidValue(let field, let reason):
            return "\(field): \(reason)"
        }
    }
}

/// Runs a parse step and names `structure` in any DER error it throws; errors already naming a structure pass.
@inlinable
func parsing<T>(_ structure: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ASN1Error {
        throw SESFormatError.malformed(structure: structure, reason: describeDERProblem(error))
    }
}

/// Words for a swift-asn1 error (whose own text names its type and source line); with `SEALSTATION_DEBUG=1`
/// (`sealstation --debug`) that text follows in brackets. SealCrypto's `ParseProblem` words the same codes.
@usableFromInline
func describeDERProblem(_ error: ASN1Error) -> String {
    let words: String
    switch error.code {
    case .truncatedASN1Field: words = "the data ends before the structure it starts does (truncated)"
    case .unexpectedFieldType: words = "a field is not of the type the structure requires (another kind of data, or damaged)"
    case .invalidASN1Object: words = "the structure is malformed (a field is missing, extra or out of range)"
    case .invalidASN1IntegerEncoding: words = "a number is not encoded as DER requires"
    case .unsupportedFieldLength: words = "a field declares a length too large to read"
    case .invalidStringRepresentation: words = "a text field holds characters its type does not allow"
    case .tooFewOIDComponents: words = "an object identifier is malformed"
    default: words = "the data is not valid DER"
    }
    return getenv("SEALSTATION_DEBUG").map { String(cString: $0) } == "1" ? "\(words) [\(error)]" : words
}

/// The largest SES file read (10 MiB): a seal with a large picture is a few hundred KiB.
public let sesMaximumInputSize = 10 << 20

/// Parses the single DER element in `bytes` after checking the size limit.
public func parseSESDER(_ bytes: [UInt8], structure: String) throws -> ASN1Node {
    guard bytes.count <= sesMaximumInputSize else {
        throw SESFormatError.tooLarge(size: bytes.count, limit: sesMaximumInputSize)
    }
    return try parsing(structure) { try DER.parse(bytes) }
}
