import Foundation
import Hummingbird
import HummingbirdTesting
import SealConsole

/// Multipart forms (files) and downloads read as bytes, for the 签章 and 验章 routes.
extension ConsoleBrowser {
    /// A response whose body is kept as bytes (a downloaded signature or OFD).
    struct Download {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let bytes: [UInt8]
        var text: String { String(decoding: bytes, as: UTF8.self) }
        /// The page's text (for pages posted as multipart forms).
        var body: String { text }
        var location: String? { headers[.location] }
    }

    /// One file of a multipart form.
    struct FilePart {
        let field: String
        let filename: String
        let bytes: [UInt8]
    }

    /// Posts `fields` and `files` as multipart/form-data, as a browser's file form does.
    mutating func postMultipart(_ path: String, _ fields: [(String, String)], files: [FilePart]) async throws -> Download {
        let boundary = "----SealConsoleTest\(UUID().uuidString)"
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += file.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return try await raw(path, method: .post, contentType: "multipart/form-data; boundary=\(boundary)", body: body)
    }

    /// A GET whose body is kept as bytes.
    mutating func download(_ path: String) async throws -> Download {
        try await raw(path, method: .get, contentType: nil, body: nil)
    }

    private mutating func raw(_ path: String, method: HTTPRequest.Method, contentType: String?, body: [UInt8]?) async throws -> Download {
        var headers: HTTPFields = [.init("Host")!: host]
        if let cookie { headers[.cookie] = "\(ConsoleApplication.sessionCookie)=\(cookie)" }
        if let contentType { headers[.contentType] = contentType }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) })
        return Download(status: response.status, headers: response.headers, bytes: Array(buffer: response.body))
    }
}
