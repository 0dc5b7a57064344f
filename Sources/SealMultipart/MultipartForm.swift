import Foundation
import MultipartKit
public import NIOCore

/// A `multipart/form-data` body (RFC 7578) read whole, part by part, through MultipartKit's parser, with the guards
/// both HTTP services need: a bounded number of parts, header names in ASCII (MultipartKit 4.7.1 traps on others), and
/// a name on every part. What the parts mean (text fields, files) is the caller's.
public struct MultipartForm: Sendable {
    /// One part: its form field name, its file name when it is a file, its bytes.
    public struct Part: Sendable, Equatable {
        /// The `name` of its Content-Disposition.
        public var name: String
        /// The `filename` of its Content-Disposition (as sent, possibly empty), nil for a text field.
        public var filename: String?
        public var bytes: [UInt8]

        public init(name: String, filename: String?, bytes: [UInt8]) {
            self.name = name
            self.filename = filename
            self.bytes = bytes
        }
    }

    /// The parts in the order sent.
    public var parts: [Part]

    /// The first part named `name`.
    public func part(_ name: String) -> Part? { parts.first { $0.name == name } }

    /// Whether `contentType` is `multipart/form-data` (any parameters).
    public static func isMultipart(_ contentType: String?) -> Bool {
        contentType?.lowercased().hasPrefix("multipart/form-data") ?? false
    }

    /// The parts of `body`, sent with `contentType` (`multipart/form-data; boundary=…`).
    /// - Throws: ``MultipartFormError/noBoundary`` without a usable boundary (1–70 characters),
    ///   ``MultipartFormError/malformed(_:)`` for a body that is not such a form (a part without a name among them),
    ///   ``MultipartFormError/tooManyParts(limit:)`` beyond `partLimit` parts.
    public static func parse(_ body: ByteBuffer, contentType: String, partLimit: Int) throws(MultipartFormError) -> MultipartForm {
        guard isMultipart(contentType), let boundary = parameter("boundary", of: contentType), !boundary.isEmpty, boundary.utf8.count <= 70 else {
            throw .noBoundary
        }
        // MultipartKit 4.7.1 looks a header name's bytes up in a 128-entry table and traps on a byte ≥ 0x80 (found by
        // FuzzConsoleForm): such a body is refused before it reaches the parser.
        guard headerNamesAreASCII(Array(body.readableBytesView), boundary: Array(boundary.utf8)) else {
            throw .malformed("a part's header name is not ASCII")
        }
        let parser = MultipartParser(boundary: boundary)
        var parts: [(headers: [(String, String)], body: [UInt8])] = []
        var headers: [(String, String)] = []
        var bytes: [UInt8] = []
        var tooMany = false
        parser.onHeader = { name, value in headers.append((name, value)) }
        parser.onBody = { chunk in bytes += chunk.readBytes(length: chunk.readableBytes) ?? [] }
        parser.onPartComplete = {
            if parts.count < partLimit { parts.append((headers, bytes)) } else { tooMany = true }
            headers = []
            bytes = []
        }
        do {
            try parser.execute(body)
        } catch {
            throw .malformed("\(error)")
        }
        if tooMany { throw .tooManyParts(limit: partLimit) }
        var form = MultipartForm(parts: [])
        for part in parts {
            guard let disposition = part.headers.first(where: { $0.0.lowercased() == "content-disposition" })?.1,
                  let name = parameter("name", of: disposition)
            else { throw .malformed("a part has no Content-Disposition name") }
            form.parts.append(Part(name: name, filename: parameter("filename", of: disposition), bytes: part.body))
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
    public static func parameter(_ name: String, of header: String) -> String? {
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
