import Foundation
public import Hummingbird
import SealMultipart

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
        if MultipartForm.isMultipart(contentType) { return try parseMultipart(body, contentType: contentType) }
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

    private static func parseMultipart(_ buffer: ByteBuffer, contentType: String) throws(ConsoleFormError) -> ConsoleForm {
        let multipart: MultipartForm
        do {
            multipart = try MultipartForm.parse(buffer, contentType: contentType, partLimit: partLimit)
        } catch .tooManyParts(let limit) {
            throw .tooManyParts(limit: limit)
        } catch {
            throw .notAForm
        }
        var form = ConsoleForm()
        for part in multipart.parts {
            if let filename = part.filename {
                // A file input left empty sends a part with an empty file name: no file.
                guard !filename.isEmpty else { continue }
                let last = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? filename
                if form.files[part.name] == nil { form.files[part.name] = Upload(filename: last, bytes: part.bytes) }
            } else if form.fields[part.name] == nil {
                guard let text = String(validating: part.bytes, as: UTF8.self) else { throw .notAForm }
                form.fields[part.name] = text
            }
        }
        return form
    }
}
