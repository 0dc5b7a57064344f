import Foundation
import SealCrypto
import SealPKI
import SealRender

/// Reads a custodian's backup share from what `backup --shares` wrote: the text file (`share-N.txt`) or the QR PNG
/// (`share-N.png`, or a scan of its printout; read with libzbar in binary mode, as the filing manifest reader does).
public enum BackupShareInput {
    /// The largest share file read: a share's text is under 200 bytes, its PNG a few KiB; a scan may be larger.
    public static let maximumFileSize = 64 << 20

    /// The share in the file at `path`.
    /// - Throws: `BackupError.malformedShare` naming the file when it holds no share, or no readable QR code.
    public static func read(path: String) throws -> BackupShare {
        let bytes = try ProtectedFile.read(path, limit: maximumFileSize)
        let text: String
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            let payloads: [[UInt8]]
            do {
                payloads = try QRCodeReader.decode(png: bytes)
            } catch {
                throw BackupError.malformedShare(
                    source: "the share file \(path)",
                    reason: ParseProblem.words("it is a PNG image, but it cannot be decoded (damaged, truncated or too large)", detail: error))
            }
            guard let payload = payloads.first(where: { $0.starts(with: Array(BackupShare.prefix.utf8)) }) else {
                throw BackupError.malformedShare(source: "the share file \(path)", reason: "it is a PNG image without a share's QR code in it")
            }
            text = String(decoding: payload, as: UTF8.self)
        } else {
            guard bytes.count <= 4096 else { throw BackupError.malformedShare(source: "the share file \(path)", reason: "it is neither a share's text nor its QR PNG") }
            text = String(decoding: bytes, as: UTF8.self)
        }
        return try BackupShare(text: text, source: "the share file \(path)")
    }
}
