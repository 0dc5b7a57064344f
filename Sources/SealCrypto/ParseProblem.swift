import Foundation
import SwiftASN1

/// User words for why input did not parse. swift-asn1 and OpenSSL describe their errors with type names, source
/// lines and C function names; those reach a message only in debug mode (`sealstation --debug`, which sets
/// `SEALSTATION_DEBUG=1` for the process), in brackets after the words.
public enum ParseProblem {
    /// The environment variable that turns on library detail in messages.
    public static let debugVariable = "SEALSTATION_DEBUG"

    /// Whether messages carry the libraries' own error text (`SEALSTATION_DEBUG=1`).
    public static var showsLibraryDetail: Bool { getenv(debugVariable).map { String(cString: $0) } == "1" }

    /// `words`, followed in debug mode by the library's own text of `error` in brackets.
    public static func words(_ words: String, detail error: @autoclosure () -> any Error) -> String {
        showsLibraryDetail ? "\(words) [\(String(reflecting: error()))]" : words
    }

    /// Words for an error thrown while parsing or reading: a swift-asn1 error by its code, a Foundation file error by
    /// its localized sentence (not its domain, code and user-info dump), any other by its own message.
    public static func describe(_ error: any Error) -> String {
        if let asn1 = error as? ASN1Error { return words(describe(asn1.code), detail: asn1) }
        if error is CocoaError || String(reflecting: type(of: error)).hasPrefix("Foundation.") {
            return words((error as NSError).localizedDescription, detail: error)
        }
        return "\(error)"
    }

    static func describe(_ code: ASN1Error.ErrorCode) -> String {
        switch code {
        case .truncatedASN1Field: return "the data ends before the structure it starts does (truncated)"
        case .unexpectedFieldType: return "a field is not of the type the structure requires (another kind of data, or damaged)"
        case .invalidASN1Object: return "the structure is malformed (a field is missing, extra or out of range)"
        case .invalidASN1IntegerEncoding: return "a number is not encoded as DER requires"
        case .unsupportedFieldLength: return "a field declares a length too large to read"
        case .invalidPEMDocument: return "the PEM text is damaged"
        case .invalidStringRepresentation: return "a text field holds characters its type does not allow"
        case .tooFewOIDComponents: return "an object identifier is malformed"
        default: return "the data is not valid DER"
        }
    }
}
