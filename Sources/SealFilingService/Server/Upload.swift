import Foundation
import Hummingbird

/// An uploaded body (a bundle, a document to verify), streamed to a file of its own (0600) in the service's private
/// upload directory as it arrives: a body over the limit is refused as soon as it passes it (or at once, by its
/// Content-Length), never held whole in memory nor kept on disk. The file is removed by ``remove()``.
struct Upload: Sendable {
    let url: URL
    let bytes: Int

    /// Streams `request`'s body into a new file under `directory`; `what` names the body in refusals ("bundle").
    /// - Throws: ``APIError`` 413 over `limit`, 400 for an empty body; a body cut off in transit is refused as the
    ///   connection's error, with the partial file removed.
    static func receive(_ request: Request, into directory: URL, limit: Int, what: String = "bundle") async throws -> Upload {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw APIError.tooLarge(what, limit: limit)
        }
        let url = directory.appendingPathComponent("upload-\(UUID().uuidString).part")
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: url.path)
        else { throw APIError(.internalServerError, "upload-failed", "the upload could not be written to \(directory.path)") }
        var total = 0
        do {
            defer { try? handle.close() }
            for try await buffer in request.body {
                total += buffer.readableBytes
                guard total <= limit else { throw APIError.tooLarge(what, limit: limit) }
                try handle.write(contentsOf: buffer.readableBytesView)
            }
        } catch {
            try? FileManager.default.removeItem(at: url)
            throw error
        }
        guard total > 0 else {
            try? FileManager.default.removeItem(at: url)
            throw APIError(.badRequest, "empty-body", "the request carried no \(what): send the \(what) file as the body")
        }
        return Upload(url: url, bytes: total)
    }

    /// The file's bytes (at most the limit it was received with).
    func contents() throws -> [UInt8] {
        do {
            return Array(try Data(contentsOf: url))
        } catch {
            throw APIError(.internalServerError, "upload-failed", "the upload could not be read back from \(url.path): \(error)")
        }
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

extension APIError {
    /// 413: the `what` (bundle, document) sent is over `limit` bytes.
    static func tooLarge(_ what: String, limit: Int) -> APIError {
        APIError(.contentTooLarge, "too-large", "the \(what) is larger than this service accepts (\(limit) bytes); nothing was stored")
    }
}
