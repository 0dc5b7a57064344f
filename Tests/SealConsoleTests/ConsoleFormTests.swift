import Foundation
import Hummingbird
import SealConsole
import Testing

/// The form reader on bodies a browser would not send: refused with ConsoleFormError, never a trap.
@Suite("The console's form reader")
struct ConsoleFormTests {
    static let type = "multipart/form-data; boundary=b0undary"

    static func parse(_ text: [UInt8], type: String = Self.type) throws(ConsoleFormError) -> ConsoleForm {
        try ConsoleForm.parse(ByteBuffer(bytes: text), contentType: type)
    }

    @Test("a header name with a byte above 0x7F (MultipartKit 4.7.1 traps on it; found by FuzzConsoleForm) is refused")
    func nonASCIIHeaderName() throws {
        let body = Array("--b0undary\r\nContent-Disposition: form-data; name=\"a\"\r\nX-".utf8) + [0xE5, 0x90, 0x8D]
            + Array(": 1\r\n\r\nvalue\r\n--b0undary--\r\n".utf8)
        #expect(throws: ConsoleFormError.notAForm) { try Self.parse(body) }
    }

    @Test("UTF-8 in a value (a Chinese file name) is read; fields and files come back by name")
    func chineseFileName() throws {
        let body = Array("--b0undary\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n--b0undary\r\nContent-Disposition: form-data; name=\"document\"; filename=\"合同.ofd\"\r\nContent-Type: application/octet-stream\r\n\r\nPK\u{3}\u{4}\r\n--b0undary--\r\n".utf8)
        let form = try Self.parse(body)
        #expect(form.fields["csrf"] == "abc")
        #expect(form.files["document"]?.filename == "合同.ofd" && form.files["document"]?.bytes == [0x50, 0x4B, 3, 4])
    }

    @Test("url-encoded: a broken escape and a repeated field are refused; a query of plain fields is read")
    func urlEncoded() throws {
        let type = "application/x-www-form-urlencoded"
        #expect(throws: ConsoleFormError.notAForm) { try Self.parse(Array("a=%zz".utf8), type: type) }
        #expect(throws: ConsoleFormError.notAForm) { try Self.parse(Array("a=1&a=2".utf8), type: type) }
        let form = try Self.parse(Array("name=%E7%8E%8B%E7%BB%8F%E5%8A%9E&passphrase=a+b%26c".utf8), type: type)
        #expect(form.fields == ["name": "王经办", "passphrase": "a b&c"])
    }

    @Test("header blocks over 16 KiB and more than 64 parts are refused")
    func limits() throws {
        let long = Array("--b0undary\r\nContent-Disposition: form-data; name=\"a\"\r\nX: ".utf8) + [UInt8](repeating: 0x41, count: 17 * 1024)
            + Array("\r\n\r\nv\r\n--b0undary--\r\n".utf8)
        #expect(throws: ConsoleFormError.notAForm) { try Self.parse(long) }
        var many: [UInt8] = []
        for index in 0..<65 { many += Array("--b0undary\r\nContent-Disposition: form-data; name=\"f\(index)\"\r\n\r\nv\r\n".utf8) }
        many += Array("--b0undary--\r\n".utf8)
        #expect(throws: ConsoleFormError.tooManyParts(limit: 64)) { try Self.parse(many) }
    }
}
