import Foundation
import SealCrypto
import SealPKI

/// Reads a file the user named and parses it, so that a failure names the file and what it should have been in the
/// user's words ("x.sel is truncated", "x.txt is not a seal file"); the parser's own error is kept for --debug.
enum InputFile {
    /// What a file should hold, as the message names it.
    enum Kind: String {
        case seal = "seal file (GB/T 38540 SES_Seal)"
        case signature = "signature file (GB/T 38540 SES_Signature)"
        case certificate = "X.509 certificate (DER or PEM)"
        case certificationRequest = "certification request (PKCS#10, DER or PEM)"
        case publicKey = "public key (SubjectPublicKeyInfo, DER or PEM)"
        case crl = "X.509 CRL (DER or PEM)"

        /// The name with its article ("a seal file …", "an X.509 certificate …").
        var withArticle: String { (rawValue.first.map { "AEIOUX".contains($0) } ?? false ? "an " : "a ") + rawValue }
    }

    /// `parse` applied to the bytes of `path` (at most `limit` bytes; reading errors pass unchanged).
    /// - Throws: `CLIError.unreadableInput` when `parse` throws.
    static func parse<T>(_ path: String, as kind: Kind, limit: Int = 64 << 20, _ parse: ([UInt8]) throws -> T) throws -> T {
        let bytes = try ProtectedFile.read(path, limit: limit)
        do {
            return try parse(bytes)
        } catch {
            let isPEM = bytes.drop { $0 == 0x20 || $0 == 0x0a || $0 == 0x0d || $0 == 0x09 }.starts(with: Array("-----BEGIN ".utf8))
            throw CLIError.unreadableInput(path: path, kind: kind.withArticle, shape: isPEM ? .whole : DERShape(of: bytes), reason: "\(error)",
                                           detail: "\(type(of: error)): \(String(reflecting: error))")
        }
    }
}
