import SwiftASN1

/// Recognises PEM input so every reader accepts DER and PEM alike.
enum PEMInput {
    /// The DER inside `bytes` when they are PEM with one of `expectedTypes`; nil when they are not PEM at all.
    /// - Throws: `invalid(reason)` when the PEM cannot be decoded or has another type.
    static func derBytes(
        _ bytes: [UInt8], expectedTypes: Set<String>, invalid: (String) -> SealCryptoError
    ) throws -> [UInt8]? {
        let trimmed = bytes.drop { $0 == 0x20 || $0 == 0x0a || $0 == 0x0d || $0 == 0x09 }
        guard trimmed.starts(with: Array("-----BEGIN ".utf8)) else { return nil }
        let document: PEMDocument
        do {
            document = try PEMDocument(pemString: String(decoding: trimmed, as: UTF8.self))
        } catch {
            throw invalid("PEM text could not be decoded: \(ParseProblem.describe(error))")
        }
        guard expectedTypes.contains(document.discriminator) else {
            throw invalid("PEM block is \"\(document.discriminator)\", expected "
                + expectedTypes.sorted().map { "\"\($0)\"" }.joined(separator: " or "))
        }
        return document.derBytes
    }
}
