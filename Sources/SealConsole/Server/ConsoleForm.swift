import Foundation
public import Hummingbird
import MultipartKit

/// A form posted to the console — `application/x-www-form-urlencoded`, or `multipart/form-data` when it carries files —
/// read up to a byte limit: its text fields by name and its files by name.
public struct ConsoleForm: Sendable {
    /// Forms without files: a few fields.
    static let textLimit = 16 * 1024
    /// More parts than this in one multipart form are refused.
    static let partLimit = 64

    /// The text fields by name (the first of a repeated name).
    public var fields: [String: String] = [:]
    /// The files by field name (the first of a repeated name); file inputs left empty are absent.
    public var files: [String: Upload] = [:]

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
        do {
            return try parse(buffer, contentType: type)
        } catch .notAForm {
            throw ConsoleRefusal.notAForm
        } catch .tooManyParts(let limit) {
            throw ConsoleRefusal.tooManyParts(limit: limit)
        }
    }

    /// The form in `body`, sent with `contentType`: multipart/form-data, else url-encoded.
    /// - Throws: `ConsoleFormError` when the body is not a form or has too many parts.
    public static func parse(_ body: ByteBuffer, contentType: String) throws(ConsoleFormError) -> ConsoleForm {
        if contentType.lowercased().hasPrefix("multipart/form-data") {
            guard let boundary = parameter("boundary", of: contentType), !boundary.isEmpty, boundary.utf8.count <= 70 else {
                throw .notAForm
            }
            return try parseMultipart(body, boundary: boundary)
        }
        return try parseURLEncoded(String(buffer: body))
    }

    /// The fields of an url-encoded body (`+` is a space), read by Hummingbird's form decoder.
    /// - Throws: ``ConsoleFormError/notAForm`` for a body that is not such a form (a field given twice among them).
    static func parseURLEncoded(_ text: String) throws(ConsoleFormError) -> ConsoleForm {
        guard !text.isEmpty else { return ConsoleForm() }
        do {
            return ConsoleForm(fields: try URLEncodedFormDecoder().decode([String: String].self, from: text))
        } catch {
            throw .notAForm
        }
    }

    /// The parameters of a query string, percent-decoded by Hummingbird (the first of a repeated name).
    static func query(_ request: Request) -> ConsoleForm {
        var form = ConsoleForm()
        for (name, value) in request.uri.queryParameters where form.fields[String(name)] == nil {
            form.fields[String(name)] = String(value)
        }
        return form
    }

    private static func parseMultipart(_ buffer: ByteBuffer, boundary: String) throws(ConsoleFormError) -> ConsoleForm {
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
        // MultipartKit 4.7.1 looks a header name's bytes up in a 128-entry table and traps on a byte ≥ 0x80 (found by
        // FuzzConsoleForm): such a body is refused before it reaches the parser.
        guard headerNamesAreASCII(Array(buffer.readableBytesView), boundary: Array(boundary.utf8)) else { throw .notAForm }
        do {
            try parser.execute(buffer)
        } catch {
            throw .notAForm
        }
        if tooMany { throw .tooManyParts(limit: partLimit) }
        var form = ConsoleForm()
        for part in parts {
            guard let disposition = part.headers.first(where: { $0.0.lowercased() == "content-disposition" })?.1,
                let name = parameter("name", of: disposition)
            else { throw .notAForm }
            if let filename = parameter("filename", of: disposition) {
                // A file input left empty sends a part with an empty file name: no file.
                guard !filename.isEmpty else { continue }
                let last = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? filename
                if form.files[name] == nil { form.files[name] = Upload(filename: last, bytes: part.body) }
            } else if form.fields[name] == nil {
                guard let text = String(validating: part.body, as: UTF8.self) else { throw .notAForm }
                form.fields[name] = text
            }
        }
        return form
    }

    /// Whether every header line of every part has an ASCII name. A part's headers are taken generously: from each
    /// place the delimiter `--boundary` occurs up to the next blank line (CR LF CR LF); in each of their lines, the
    /// bytes before the first colon must be below 0x80, and a block may not exceed 16 KiB. Values (a file name in UTF-8) are not restricted.
    static func headerNamesAreASCII(_ bytes: [UInt8], boundary: [UInt8]) -> Bool {
        let delimiter: [UInt8] = [0x2D, 0x2D] + boundary
        let count = bytes.count
        var index = 0
        while index + delimiter.count <= count {
            guard bytes[index] == 0x2D, bytes[index + 1] == 0x2D, bytes[index ..< index + delimiter.count].elementsEqual(delimiter) else {
                index += 1
                continue
            }
            // The header block after this delimiter: line by line until an empty line or the end.
            var position = index + delimiter.count
            var inName = true
            var lineLength = 0
            while position < count {
                // Headers longer than 16 KiB are not a browser's: refused (this also bounds the scan).
                if position - index > 16 * 1024 { return false }
                let byte = bytes[position]
                if byte == 0x0D, position + 1 < count, bytes[position + 1] == 0x0A {
                    if lineLength == 0 && position > index + delimiter.count { break }  // the blank line: the headers end
                    position += 2
                    inName = true
                    lineLength = 0
                    continue
                }
                if byte == 0x3A { inName = false }
                if inName && byte >= 0x80 { return false }
                lineLength += 1
                position += 1
            }
            index += delimiter.count
        }
        return true
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
