import Foundation
import SealPKI
public import SealBundle
import SealRender

/// Reads a filing manifest from what a clerk has: a PNG (a scan or the exported QR image; read with libzbar), the
/// DER bytes, or those bytes as hex or Base64 text (what a scanner app may type).
public enum FilingManifestInput {
    /// The manifest in the file at `path`.
    public static func read(path: String) throws -> FilingManifest {
        // A regular file of at most 64 MiB, checked before anything is read (a device or pipe would never end).
        let data: [UInt8]
        do {
            data = try ProtectedFile.read(path, limit: 64 << 20)
        } catch SealPKIError.fileAccess(_, let reason) {
            throw FilingManifestError.noQRCode("\(path) (it cannot be read: \(reason))")
        }
        return try read(bytes: data, source: path)
    }

    /// The manifest in `bytes` (PNG, DER, hex or Base64 text); `source` names it in messages.
    public static func read(bytes: [UInt8], source: String) throws -> FilingManifest {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            let payloads: [[UInt8]]
            do {
                payloads = try QRCodeReader.decode(png: bytes)
            } catch {
                throw FilingManifestError.noQRCode("\(source) (\(error))")
            }
            guard let payload = payloads.first else { throw FilingManifestError.noQRCode(source) }
            return try FilingManifest(derEncoded: payload)
        }
        guard let manifest = try FilingManifest(derOrText: bytes) else {
            throw FilingManifestError.malformed("\(source) is not a PNG, DER, hex or Base64 manifest")
        }
        return manifest
    }
}
