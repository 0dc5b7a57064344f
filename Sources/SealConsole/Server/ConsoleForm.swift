import Foundation
import Hummingbird
import MultipartKit

/// A form posted to the console — `application/x-www-form-urlencoded`, or `multipart/form-data` when it carries files —
/// read up to a byte limit: its text fields by name and its files by name.
struct ConsoleForm: Sendable {
    /// Forms without files: a few fields.
    static let textLimit = 16 * 1024
    /// More parts than this in one multipart form are refused.
    static let partLimit = 64

    var fields: [String: String] = [:]
    var files: [String: Upload] = [:]

    /// The text field `name`, nil when absent.
    subscript(name: String) -> String? { fields[name] }

    /// The text field `name` without surrounding white space; nil when absent or empty.
    func text(_ name: String) -> String? {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// The CSRF token the form carries.
    var csrf: String? { fields["csrf"] }

    /// Reads the form of `request`: refuses (413) a body over `uploadLimit` (multipart) or ``textLimit`` (other forms),
    /// (400) a body that is not a form, and (400) more than ``partLimit`` parts.
    static func read(_ request: Request, uploadLimit: Int) async throws -> ConsoleForm {
        let type = request.headers[.contentType] ?? ""
        let multipart = type.lowercased().hasPrefix("multipart/form-data")
        let limit = multipart ? uploadLimit : textLimit
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw ConsoleRefusal.tooLarge(limit: limit)
        }
        if multipart {
            guard let boundary = parameter("boundary", of: type) else { throw ConsoleRefusal.notAForm }
            return try parseMultipart(buffer, boundary: boundary)
        }
        return parseURLEncoded(String(buffer: buffer))
    }

    /// The fields of a query string or an url-encoded body (`+` is a space).
    static func parseURLEncoded(_ text: String) -> ConsoleForm {
        var components = URLComponents()
        components.percentEncodedQuery = text.replacingOccurrences(of: "+", with: "%20")
        var form = ConsoleForm()
        for item in components.queryItems ?? [] where form.fields[item.name] == nil {
            form.fields[item.name] = item.value ?? ""
        }
        return form
    }

    private static func parseMultipart(_ buffer: ByteBuffer, boundary: String) throws -> ConsoleForm {
        let parser = MultipartParser(boundary: boundary)
        var parts: [(headers: [(String, String)], body: [UInt8])] = []
        var headers: [(String, String)] = []
        var body: [UInt8] = []
        var tooMany = false
        parser.onHeader = { name, value in headers.append((name, value)) }
        parser.onBody = { chunk in body += chunk.readBytes(length: chunk.readableBytes) ?? [] }
        parser.onPartComplete = {
            if parts.count < partLimit { parts.append((headers, body)) } else { tooMany = true }
            headers = []
            body = []
        }
        do {
            try parser.execute(buffer)
        } catch {
            throw ConsoleRefusal.notAForm
        }
        if tooMany { throw ConsoleRefusal.tooManyParts(limit: partLimit) }
        var form = ConsoleForm()
        for part in parts {
            guard let disposition = part.headers.first(where: { $0.0.lowercased() == "content-disposition" })?.1,
                let name = parameter("name", of: disposition)
            else { throw ConsoleRefusal.notAForm }
            if let filename = parameter("filename", of: disposition) {
                // A file input left empty sends a part with an empty file name: no file.
                guard !filename.isEmpty else { continue }
                let last = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? filename
                if form.files[name] == nil { form.files[name] = Upload(filename: last, bytes: part.body) }
            } else if form.fields[name] == nil {
                guard let text = String(validating: part.body, as: UTF8.self) else { throw ConsoleRefusal.notAForm }
                form.fields[name] = text
            }
        }
        return form
    }

    /// The value of `name=` in a header such as `form-data; name="x"; filename="y"` or `multipart/form-data; boundary=z`.
    static func parameter(_ name: String, of header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}
