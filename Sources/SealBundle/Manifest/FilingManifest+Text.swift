import Foundation
import SealCrypto

extension FilingManifest {
    /// The manifest in `bytes` as a file or a scanner app holds it: DER, or that DER as hex or Base64 text; nil when
    /// `bytes` is none of these (images are read by `SealOptical.FilingManifestInput`).
    /// - Throws: `FilingManifestError.malformed` when the DER inside is not a manifest.
    public init?(derOrText bytes: [UInt8]) throws {
        if bytes.first == 0x30 {
            try self.init(derEncoded: bytes)
            return
        }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if let decoded = Hex.decode(text.lowercased()) {
            try self.init(derEncoded: decoded)
        } else if let decoded = Data(base64Encoded: text) {
            try self.init(derEncoded: Array(decoded))
        } else {
            return nil
        }
    }
}
