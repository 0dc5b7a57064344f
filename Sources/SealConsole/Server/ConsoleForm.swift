import Foundation
import Hummingbird

/// A form posted to the console (application/x-www-form-urlencoded), read up to `limit` bytes.
enum ConsoleForm {
    /// Larger bodies are refused (413): the forms of this slice are a few fields.
    static let limit = 16 * 1024

    /// The fields of the posted form, or an HTTP error (413 too large, 400 not a form).
    static func decode<Form: Decodable>(_ type: Form.Type, from request: Request) async throws -> Form {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw HTTPError(.contentTooLarge, message: "提交的表单超过 \(limit / 1024) KiB。")
        }
        do {
            return try URLEncodedFormDecoder().decode(type, from: String(buffer: buffer))
        } catch {
            throw HTTPError(.badRequest, message: "提交的内容不是本控制台的表单。")
        }
    }
}
