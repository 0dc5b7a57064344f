import Foundation
import SealBundle
import SealCrypto
import SealPKI

/// Reading what the user names.
enum InputFiles {
    /// The certificate at `path` (DER or PEM), or the CA certificate of the station CA directory at `path`.
    static func certificate(_ path: String) throws -> Certificate {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return try StationCA(directory: URL(fileURLWithPath: path)).certificate
        }
        let bytes = try ProtectedFile.read(path, limit: 64 << 20)
        do {
            return try Certificate(derOrPEM: bytes)
        } catch {
            throw FilingCLIError.unreadableInput(path: path, kind: "an X.509 certificate (DER or PEM)", reason: "\(error)",
                                                 detail: "\(type(of: error)): \(String(reflecting: error))")
        }
    }

    /// The filing manifest in the file at `path`: its DER (`export` writes it beside the bundle as `….manifest`), or
    /// that DER as hex or Base64 text (what a scanner app types). A PNG is refused with the command that reads its QR code as text: sealfiling links no QR reader.
    static func manifest(_ path: String) throws -> FilingManifest {
        let bytes: [UInt8]
        do {
            bytes = try ProtectedFile.read(path, limit: 64 << 20)
        } catch SealPKIError.fileAccess(_, let reason) {
            throw FilingManifestError.noQRCode("\(path) (it cannot be read: \(reason))")
        }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            throw FilingCLIError.imageInput(
                path: path, what: "the manifest's DER (….manifest beside the bundle), or its QR code read as text (e.g. `zbarimg --raw -Sbinary scan.png > scan.manifest`)")
        }
        if let manifest = try FilingManifest(derOrText: bytes) { return manifest }
        throw FilingManifestError.malformed("\(path) is not a DER, hex or Base64 manifest")
    }
}
