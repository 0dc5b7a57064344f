import SealRegistry
import Testing

/// The custody form `file:<path>` / `token:<label> serial:<serial>`: one parser and printer.
@Suite("Key custody")
struct KeyCustodyTests {
    @Test("stored custody texts parse and print back byte for byte", arguments: [
        "file:issued/11010800000001", "file:/media/holder disk/11010800000001", "token:Holder Token serial:0f3a2b", "token:a serial:b serial:42",
        "token:no-serial-label",
    ])
    func roundTrip(text: String) throws {
        let custody = try #require(KeyCustody(storedText: text))
        #expect(custody.description == text)
    }

    @Test("the parts: files and path, token label and serial, and the selector that opens the token")
    func parts() throws {
        #expect(KeyCustody(storedText: "file:issued/1") == .files(path: "issued/1"))
        let token = try #require(KeyCustody(storedText: "token:Holder Token serial:0f3a2b"))
        #expect(token == .token(label: "Holder Token", serial: "0f3a2b"))
        #expect(token.isToken && token.tokenSelector == "serial:0f3a2b")
        // A label that itself contains " serial:" keeps it: the serial is the last one.
        #expect(KeyCustody(storedText: "token:a serial:b serial:42") == .token(label: "a serial:b", serial: "42"))
        #expect(KeyCustody(storedText: "token:lab")?.tokenSelector == "label:lab")
        #expect(KeyCustody.files(path: "issued/1").tokenSelector == nil)
    }

    @Test("anything else is no custody", arguments: ["", "file:", "token:", "disk:/x", "TOKEN:x serial:1"])
    func refused(text: String) {
        #expect(KeyCustody(storedText: text) == nil)
    }
}
