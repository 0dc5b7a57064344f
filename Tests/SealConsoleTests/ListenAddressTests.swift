import SealConsole
import Testing

/// `--listen`: loopback only, refused at start otherwise.
@Suite("The console's listen address")
struct ListenAddressTests {
    @Test("loopback addresses are accepted, with the Host values a request may carry")
    func loopback() throws {
        let standard = try ListenAddress(parsing: "127.0.0.1:8600")
        #expect(standard == .standard)
        #expect(standard.acceptedHosts == ["127.0.0.1:8600", "localhost:8600"])
        #expect(try ListenAddress(parsing: "127.8.9.10:1").acceptedHosts == ["127.8.9.10:1"])
        let six = try ListenAddress(parsing: "[::1]:8600")
        #expect(six.host == "::1")
        #expect(six.acceptedHosts == ["[::1]:8600"])
        let named = try ListenAddress(parsing: "localhost:9000")
        #expect(named.host == "127.0.0.1")
        #expect(named.acceptedHosts.contains("localhost:9000"))
    }

    @Test("any other address is refused, naming loopback", arguments: [
        "0.0.0.0:8600", "192.168.1.20:8600", "10.0.0.1:80", "[::]:8600", "[::ffff:127.0.0.1]:8600", "[fe80::1]:8600",
        "example.com:8600", "128.0.0.1:8600",
    ])
    func refused(_ text: String) {
        #expect {
            try ListenAddress(parsing: text)
        } throws: { error in
            guard case ListenAddressError.notLoopback = error else { return false }
            return "\(error)".contains("loopback only")
        }
    }

    @Test("malformed addresses and ports out of range are refused", arguments: [
        "127.0.0.1", "127.0.0.1:", ":8600", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:99999999999", "::1:8600", "127.0.0.1:+80",
        "[::1]8600",
    ])
    func malformed(_ text: String) {
        #expect(throws: ListenAddressError.self) { try ListenAddress(parsing: text) }
    }
}
