import Foundation
import SealTestSupport
import Testing

@Suite("sealstation demo")
struct DemoCommandTests {
    @Test("runs the whole station flow non-interactively and reports every output")
    func demo() throws {
        let directory = try TemporaryDirectory()
        let station = directory.path("station")
        let started = Date()
        let result = try SealStationCLI.run(["demo", "--dir", station, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Date().timeIntervalSince(started) < 30)
        let report = try SealStationCLI.json(result)
        #expect(report["directory"] as? String == station)
        let steps = try #require(report["steps"] as? [[String: Any]])
        for step in steps {
            for file in step["files"] as? [String] ?? [] {
                #expect(FileManager.default.fileExists(atPath: file), "missing \(file)")
            }
        }
        let results = steps.compactMap { $0["result"] as? String }
        #expect(results.filter { $0.hasPrefix("issued, verifies") }.count == 2)
        #expect(results.contains { $0.hasPrefix("signature verifies") })
        #expect(results.contains { $0.contains("which is now superseded") })
        #expect(results.contains { $0.contains("revoked") })
        #expect(results.last == "2 issued, 1 revoked, 1 superseded")
        // The contract seal went to the SoftHSM2 token: four objects, the private key not extractable, no key file.
        #expect(results.contains { $0.hasPrefix("4 token objects") && $0.hasSuffix("private key extractable: no") })
        #expect(results.filter { $0 == "signature verifies" || $0.hasPrefix("signature verifies;") }.count == 2)
        let issued = try FileManager.default.contentsOfDirectory(atPath: "\(station)/issued").filter { !$0.hasPrefix(".") }.sorted()
        #expect(issued.count == 4)
        #expect(!FileManager.default.fileExists(atPath: "\(station)/issued/\(issued[3])/holder-key.p8"))
        for key in ["ca/ca-key.p8", "maker/maker-key.p8", "issued/\(issued[2])/holder-key.p8", "demo-passphrases/station.txt"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: "\(station)/\(key)")
            #expect(attributes[.posixPermissions] as? Int == 0o600, "\(key)")
        }
        // The outputs pass the openssl CLI.
        let verified = try ExternalTool.run("openssl", [
            "verify", "-vfyopt", "distid:1234567812345678", "-CAfile", "\(station)/ca/ca-cert.pem", "\(station)/issued/\(issued[2])/chain.pem",
        ])
        #expect(verified.succeeded, "\(verified.stdout)\(verified.stderr)")
        let opened = try ExternalTool.run("openssl", [
            "pkcs8", "-inform", "DER", "-in", "\(station)/issued/\(issued[2])/holder-key.p8",
            "-passin", "file:\(station)/demo-passphrases/holders.txt", "-out", directory.path("holder-plain.pem"),
        ])
        #expect(opened.succeeded, "\(opened.stderr)")
        let asn1 = try ExternalTool.run("openssl", ["asn1parse", "-inform", "DER", "-in", "\(station)/issued/\(issued[2])/seal.sel"])
        #expect(asn1.succeeded && asn1.stdout.contains("SM2-with-SM3"))
        // The registry it leaves is usable by the query commands.
        let listed = try SealStationCLI.run(["list", "--db", "\(station)/registry.sqlite", "--json", "--officer", "赵审计",
                                                 "--passphrase-file", "\(station)/demo-passphrases/auditor.txt"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let seals = try #require(try JSONSerialization.jsonObject(with: listed.standardOutput) as? [[String: Any]])
        #expect(seals.count == 4)
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
