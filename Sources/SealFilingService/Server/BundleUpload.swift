import Foundation
import Hummingbird

/// An uploaded bundle, streamed to a file of its own (0600) in the service's private upload directory as it arrives:
/// a body over the limit is refused as soon as it passes it (or at once, by its Content-Length), never held whole in
/// memory nor kept on disk. The file is removed by ``remove()``.
struct BundleUpload: Sendable {
    let url: URL
    let bytes: Int

    /// Streams `request`'s body into a new file under `directory`.
    /// - Throws: ``APIError`` 413 over `limit`, 400 for an empty body; a body cut off in transit is refused as the
    ///   connection's error, with the partial file removed.
    static func receive(_ request: Request, into directory: URL, limit: Int) async throws -> BundleUpload {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw APIError.tooLarge(limit: limit)
        }
        let url = directory.appendingPathComponent("upload-\(UUID().uuidString).zip")
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: url.path)
        else { throw APIError(.internalServerError, "upload-failed", "the upload could not be written to \(directory.path)") }
        var total = 0
        do {
            defer { try? handle.close() }
            for try await buffer in request.body {
                total += buffer.readableBytes
                guard total <= limit else { throw APIError.tooLarge(limit: limit) }
                try handle.write(contentsOf: buffer.readableBytesView)
            }
        } catch {
            try? FileManager.default.removeItem(at: url)
            throw error
        }
        guard total > 0 else {
            try? FileManager.default.removeItem(at: url)
            throw APIError(.badRequest, "empty-body", "the request carried no bundle: send the bundle file as the body")
        }
        return BundleUpload(url: url, bytes: total)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

extension APIError {
    static func tooLarge(limit: Int) -> APIError {
        APIError(.contentTooLarge, "too-large", "the bundle is larger than this service accepts (\(limit) bytes); nothing was stored")
    }
}
