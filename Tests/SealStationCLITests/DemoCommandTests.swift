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
        #expect(results.last == "3 issued, 1 revoked, 1 superseded")
        // The console, over real HTTP on a loopback port: signed in, the seal list read, Host and CSRF checks refused.
        #expect(results.contains {
            $0.hasPrefix("http://127.0.0.1:") && $0.contains("王经办 signed in") && $0.contains("查询 lists 5 seals")
                && $0.contains("a foreign Host refused (421), a form without its CSRF token refused (403), sign-out ends the session")
        })
        // 签章 on a PDF: the token's P-256 seal by keyword, then the SM2 round seal by position; both verify, the first
        // after a later revision that only adds a signature.
        #expect(results.contains { $0.hasPrefix("field Seal1 at keyword '乙方（盖章）'") })
        #expect(results.contains { $0.hasPrefix("field Seal2 at page 2:") })
        #expect(results.contains { $0.hasPrefix("all 2 signature(s) valid") && $0.contains("1 later revision(s) only add signatures") })
        // The contract seal went to the SoftHSM2 token: four objects, the private key not extractable, no key file.
        #expect(results.contains { $0.hasPrefix("4 token objects") && $0.hasSuffix("private key extractable: no") })
        #expect(results.filter { $0 == "signature verifies" || $0.hasPrefix("signature verifies;") }.count == 2)
        let issued = try FileManager.default.contentsOfDirectory(atPath: "\(station)/issued").filter { !$0.hasPrefix(".") }.sorted()
        #expect(issued.count == 5)
        #expect(!FileManager.default.fileExists(atPath: "\(station)/issued/\(issued[3])/holder-key.p8"))
        for key in ["ca/ca-key.p8", "maker/maker-key.p8", "issued/\(issued[2])/holder-key.p8", "demo-passphrases/station.txt"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: "\(station)/\(key)")
            #expect(attributes[.posixPermissions] as? Int == 0o600, "\(key)")
        }
        // 签章 on OFD: three stamps, each its own use, all valid together; a changed copy and an unapproved stamp refused.
        #expect(results.filter { $0.hasPrefix("signature ") && $0.contains(" at ") && $0.contains("; use log #") }.count == 3)
        #expect(results.contains { $0.hasPrefix("all 3 signatures valid") })
        #expect(results.contains { $0.hasPrefix("refused: every signature names /Doc_0/Pages/Page_0/Content.xml") })
        #expect(results.contains("refused (no approved use left); nothing written"))
        #expect(!FileManager.default.fileExists(atPath: "\(station)/ofd/未经审批.ofd"))
        let stamped = try SealStationCLI.run(["verify", "\(station)/ofd/采购合同-已盖章.ofd", "--ca", "\(station)/ca", "--crl", "\(station)/crl/station-ca.crl", "--json"])
        #expect(stamped.status == 0, "\(stamped.stdout)\(stamped.stderr)")
        let signatures = try #require(try SealStationCLI.json(stamped)["signatures"] as? [[String: Any]])
        #expect(signatures.map { ($0["appearances"] as? [Any])?.count ?? 0 } == [1, 1, 3])
        // easyofd, a reader we did not write, draws page 3's seals red inside their StampAnnot boxes (it draws only
        // the last StampAnnot of a signature, unclipped: of the riding seal, page 3's whole seal in its Boundary).
        let boxes = signatures.compactMap { signature -> [Double]? in
            guard let appearance = (signature["appearances"] as? [[String: Any]])?.last, appearance["page"] as? Int == 3,
                  let boundary = appearance["boundary"] as? [String: Double],
                  let x = boundary["x"], let y = boundary["y"], let width = boundary["width"], let height = boundary["height"]
            else { return nil }
            return [x - 0.5, y - 0.5, width + 1, height + 1]
        }
        #expect(boxes.count == 3)
        let page = try OFDRendering.render("\(station)/ofd/采购合同-已盖章.ofd", page: 3, boxes: boxes)
        for (index, box) in page.boxes.enumerated() {
            #expect(box.red > box.pixels / 10, "seal \(index + 1): \(box.red) red pixels of \(box.pixels) in its StampAnnot box")
        }
        #expect(page.boxes.map(\.red).reduce(0, +) == page.red_total, "red pixels outside the StampAnnot boxes")
        let changed = try SealStationCLI.run(["verify", "\(station)/ofd/采购合同-改动.ofd", "--ca", "\(station)/ca"])
        #expect(changed.status == 2 && changed.stdout.contains("/Doc_0/Pages/Page_0/Content.xml"), "\(changed.stdout)")
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
        #expect(seals.count == 5)
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
