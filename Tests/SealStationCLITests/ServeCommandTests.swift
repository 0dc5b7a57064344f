import Foundation
import SealTestSupport
import Testing

/// `sealstation serve` refuses, before opening anything, every address that is not loopback.
@Suite("sealstation serve")
struct ServeCommandTests {
    @Test("a non-loopback --listen is refused at start with exit 1, naming loopback", arguments: [
        "0.0.0.0:8600", "192.168.1.20:8600", "[::]:8600", "example.com:8600",
    ])
    func nonLoopback(address: String) throws {
        let directory = try TemporaryDirectory()
        let result = try SealStationCLI.run(["serve", "--listen", address, "--db", directory.path("registry.sqlite")], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("--listen \(address): the console listens on loopback only"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("registry.sqlite")), "nothing opened or created")
    }

    @Test("a malformed --listen is refused with exit 1")
    func malformed() throws {
        let result = try SealStationCLI.run(["serve", "--listen", "127.0.0.1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("expected HOST:PORT"))
    }
}
