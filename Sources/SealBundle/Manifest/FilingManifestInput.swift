public import Foundation
import SealPKI
public import SealCrypto
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
        if bytes.first == 0x30 { return try FilingManifest(derEncoded: bytes) }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if let decoded = Hex.decode(text.lowercased()) { return try FilingManifest(derEncoded: decoded) }
        if let decoded = Data(base64Encoded: text) { return try FilingManifest(derEncoded: Array(decoded)) }
        throw FilingManifestError.malformed("\(source) is not a PNG, DER, hex or Base64 manifest")
    }
}

extension BundleVerificationReport {
    /// Adds the check that `manifest` is signed by the bundle's station CA and describes this bundle.
    public mutating func checkManifest(_ manifest: FilingManifest, stationCA: Certificate?) {
        guard let stationCA else {
            record("qr-manifest", .failed, "the bundle's station is unknown, so the manifest's signature cannot be checked")
            return
        }
        do {
            try manifest.verify(stationCA: stationCA)
            let differences = manifest.differences(from: self)
            guard differences.isEmpty else { throw FilingManifestError.mismatch(differences) }
            record("qr-manifest", .passed, "signed by the station CA; names this bundle (SM3, sequence \(manifest.info.sequence), \(manifest.info.sealCount) seals)")
        } catch {
            record("qr-manifest", .failed, "\(error)")
        }
    }
}
