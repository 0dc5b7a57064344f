import Foundation
import SealTestSupport
import Testing

@Suite("sealstation demo")
struct DemoCommandTests {
    @Test("runs the whole flow non-interactively and reports every output")
    func demo() throws {
        let directory = try TemporaryDirectory()
        let station = directory.path("station")
        let result = try SealStationCLI.run(["demo", "--dir", station, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try SealStationCLI.json(result)
        #expect(report["directory"] as? String == station)
        let steps = try #require(report["steps"] as? [[String: Any]])
        #expect(steps.count >= 8)
        for step in steps {
            for file in step["files"] as? [String] ?? [] {
                #expect(FileManager.default.fileExists(atPath: file), "missing \(file)")
            }
        }
        #expect(steps.contains { ($0["step"] as? String)?.hasPrefix("chain of holder-sm2") == true && $0["result"] as? String == "OK" })
        #expect(steps.contains { ($0["step"] as? String)?.hasPrefix("seal ") == true && ($0["result"] as? String)?.hasPrefix("verifies") == true })
        #expect(steps.contains { ($0["step"] as? String)?.hasPrefix("signature ") == true && ($0["result"] as? String)?.hasPrefix("verifies") == true })
        for key in ["keys/maker.p8", "keys/holder-sm2.p8", "keys/holder-p256.p8", "ca/ca-key.p8", "demo-passphrase.txt"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: "\(station)/\(key)")
            #expect(attributes[.posixPermissions] as? Int == 0o600, "\(key)")
        }
        // The outputs pass the openssl CLI.
        let verified = try ExternalTool.run("openssl", [
            "verify", "-vfyopt", "distid:1234567812345678", "-CAfile", "\(station)/ca/ca-cert.pem",
            "\(station)/certs/maker.cert.pem", "\(station)/certs/holder-sm2.cert.pem", "\(station)/certs/holder-p256.cert.pem",
        ])
        #expect(verified.succeeded, "\(verified.stdout)\(verified.stderr)")
        let opened = try ExternalTool.run("openssl", [
            "pkcs8", "-inform", "DER", "-in", "\(station)/keys/maker.p8", "-passin", "file:\(station)/demo-passphrase.txt",
            "-out", directory.path("maker-plain.pem"),
        ])
        #expect(opened.succeeded, "\(opened.stderr)")
        let asn1 = try ExternalTool.run("openssl", ["asn1parse", "-inform", "DER", "-in", "\(station)/seals/contract.sel"])
        #expect(asn1.succeeded && asn1.stdout.contains("SM2-with-SM3"))
    }

    @Test("refuses a directory that is not empty")
    func refusesNonEmpty() throws {
        let directory = try TemporaryDirectory()
        try directory.write("something", text: "x")
        let result = try SealStationCLI.run(["demo", "--dir", directory.url.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("is not empty"))
        #expect(try directory.read("something") == Array("x".utf8))
    }
}
