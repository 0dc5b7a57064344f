import Foundation
import SealRender
import SealTestSupport
import SealUR
import Testing

@Suite("sealstation export and bundle verify; sealfiling import/query/assemble")
struct BundleCommandTests {
    @Test("the demo's bundles verify (exit 0) and a tampered copy exits 2 naming the file; import refuses a gap with exit 3; query finds the seals")
    func flow() throws {
        let directory = try TemporaryDirectory()
        let station = directory.path("station")
        #expect(try SealStationCLI.run(["demo", "--dir", station]).status == 0)
        let bundles = try FileManager.default.contentsOfDirectory(atPath: "\(station)/courier").filter { $0.hasSuffix(".zip") }.sorted()
        try #require(bundles.count == 2)
        let first = "\(station)/courier/\(bundles[0])", second = "\(station)/courier/\(bundles[1])"
        let anchor = "\(station)/ca/ca-cert.pem"

        let verified = try SealStationCLI.run(["bundle", "verify", first, "--anchor", anchor, "--json"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        let report = try SealStationCLI.json(verified)
        #expect((report["seals"] as? [[String: Any]])?.count == 4)
        #expect((report["info"] as? [String: Any])?["sequence"] as? Int == 1)
        #expect(report["trust"] as? String == "anchor")
        #expect(try SealStationCLI.run(["bundle", "verify", first, "--anchor", anchor, "--no-redraw"]).stdout
            .contains("trust: the station CA given with --anchor"))

        // Trust is always chosen: without --anchor or --trust-station-in-bundle, a usage error naming both, exit 64.
        let unchosen = try SealStationCLI.run(["bundle", "verify", first, "--no-redraw"])
        #expect(unchosen.status == 64, "\(unchosen.stdout)\(unchosen.stderr)")
        #expect(unchosen.stderr.contains("--anchor") && unchosen.stderr.contains("--trust-station-in-bundle"), "\(unchosen.stderr)")
        #expect(!unchosen.stdout.contains("OK"), "\(unchosen.stdout)")
        let both = try SealStationCLI.run(["bundle", "verify", first, "--no-redraw", "--anchor", anchor, "--trust-station-in-bundle"])
        #expect(both.status == 64 && both.stderr.contains("not both"), "\(both.stderr)")
        // Chosen explicitly, the bundle's own CA is trusted and the report says so, in text and in JSON.
        let selfTrusted = try SealStationCLI.run(["bundle", "verify", first, "--no-redraw", "--trust-station-in-bundle"])
        #expect(selfTrusted.status == 0, "\(selfTrusted.stdout)\(selfTrusted.stderr)")
        #expect(selfTrusted.stdout.contains("trust: the station CA carried in the bundle (--trust-station-in-bundle)"), "\(selfTrusted.stdout)")
        #expect(selfTrusted.stdout.contains("taken from the bundle, not pinned"), "\(selfTrusted.stdout)")
        let selfTrustedJSON = try SealStationCLI.json(
            try SealStationCLI.run(["bundle", "verify", first, "--no-redraw", "--trust-station-in-bundle", "--json"]))
        #expect(selfTrustedJSON["trust"] as? String == "station-in-bundle")
        #expect(selfTrustedJSON["anchored"] as? Bool == false)

        // One byte of one seal's filing changed and the archive rebuilt: exit 2, the file named.
        let unzipped = directory.path("unzipped")
        #expect(try ExternalTool.run("unzip", ["-q", first, "-d", unzipped]).succeeded)
        let filing = try FileManager.default.contentsOfDirectory(atPath: "\(unzipped)/data/seals").sorted()[0]
        let path = "\(unzipped)/data/seals/\(filing)/filing.json"
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "北京", with: "南京")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let rezipped = directory.path("tampered.zip")
        #expect(try ExternalTool.run("sh", ["-c", "cd '\(unzipped)' && zip -q -r -X '\(rezipped)' ."]).succeeded)
        let tampered = try SealStationCLI.run(["bundle", "verify", rezipped, "--anchor", anchor])
        #expect(tampered.status == 2)
        #expect(tampered.stdout.contains("FAILED"), "\(tampered.stdout)")
        #expect(tampered.stdout.contains("not in SealStation's canonical form"), "\(tampered.stdout)")
        #expect(tampered.stdout.contains("data/seals/\(filing)/filing.json does not match its digest"), "\(tampered.stdout)")

        // Import: bundle 2 first is a gap (exit 3, nothing imported); 1 then 2 import; 1 again is a no-op.
        let db = directory.path("online/filings.sqlite")
        let gap = try SealFilingCLI.run(["import", second, "--db", db, "--anchor", anchor, "--no-redraw"])
        #expect(gap.status == 3, "\(gap.stdout)\(gap.stderr)")
        #expect(gap.stderr.contains("gap: bundles 1–1"), "\(gap.stderr)")
        for (bundle, status) in [(first, "imported"), (second, "imported"), (first, "already-imported")] {
            let result = try SealFilingCLI.run(["import", bundle, "--db", db, "--anchor", anchor, "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try SealStationCLI.json(result)["status"] as? String == status)
        }
        let query = try SealFilingCLI.run(["query", "--db", db, "--credit-code", "91110108MA00000070", "--json"])
        #expect(query.status == 0, "\(query.stderr)")
        let rows = try JSONSerialization.jsonObject(with: query.standardOutput) as? [[String: Any]]
        #expect(rows?.count == 4)
        #expect(Set(rows?.compactMap { $0["state"] as? String } ?? []) == ["issued", "superseded", "revoked"])
        let table = try SealFilingCLI.run(["query", "--db", db, "--credit-code", "91110108MA00000070"])
        #expect(table.stdout.contains("esID") && table.stdout.contains("revoked"))

        // The QR manifest: checked on its own (exit 0), against another CA (exit 2), and against the bundle it names.
        let manifestPNG = first.replacingOccurrences(of: ".zip", with: ".qr.png")
        let checked = try SealStationCLI.run(["manifest", "check", manifestPNG, "--anchor", anchor, "--json"])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(try SealStationCLI.json(checked)["sequence"] as? Int == 1)
        let otherCA = directory.path("other-ca")
        #expect(try SealStationCLI.run(["ca", "init", "--dir", otherCA, "--name", "别的站", "--passphrase-file", "\(station)/demo-passphrases/station.txt"]).status == 0)
        let unknown = try SealStationCLI.run(["manifest", "check", manifestPNG, "--anchor", otherCA])
        #expect(unknown.status == 2 && unknown.stderr.contains("not signed by this station"), "\(unknown.stderr)")
        let matching = try SealStationCLI.run(["bundle", "verify", first, "--anchor", anchor, "--no-redraw", "--qr-manifest", manifestPNG])
        #expect(matching.status == 0 && matching.stdout.contains("qr-manifest"), "\(matching.stdout)")
        let wrong = try SealStationCLI.run(["bundle", "verify", second, "--anchor", anchor, "--no-redraw", "--qr-manifest", manifestPNG])
        #expect(wrong.status == 2 && wrong.stdout.contains("does not describe this bundle"), "\(wrong.stdout)")

        // A use, then bundle 3 as QR frames; assembled back online from the frames' text, checked against its manifest
        // (its DER, written beside the bundle: sealfiling reads no images).
        let registry = ["--db", "\(station)/registry.sqlite"], pass = "\(station)/demo-passphrases"
        let clerk = ["--officer", "王经办", "--passphrase-file", "\(pass)/operator.txt"]
        let requested = try SealStationCLI.run(["use", "request", "--seal", "3", "--reason", "出具证明", "--count", "1", "--json"] + clerk + registry)
        let requestID = try #require(try SealStationCLI.json(requested)["id"] as? Int)
        #expect(try SealStationCLI.run(["use", "approve", "\(requestID)", "--officer", "李审批", "--passphrase-file", "\(pass)/approver.txt"] + registry).status == 0)
        _ = try directory.write("letter.txt", text: "证明\n")
        let signed = try SealStationCLI.run(["use", "sign", "--seal", "3", directory.path("letter.txt"), "--out", directory.path("letter.ses"),
                                             "--holder-passphrase-file", "\(pass)/holders.txt"] + clerk + registry)
        #expect(signed.status == 0, "\(signed.stderr)")
        let frames = directory.path("frames")
        let third = try SealStationCLI.run(["export", "--out", "\(station)/courier", "--station-passphrase-file", "\(pass)/station.txt",
                                            "--qr-frames", frames, "--json"] + clerk + registry)
        #expect(third.status == 0, "\(third.stderr)")
        let thirdPath = try #require(try SealStationCLI.json(third)["path"] as? String)
        #expect(FileManager.default.fileExists(atPath: "\(frames)/index.html") && FileManager.default.fileExists(atPath: "\(frames)/frame-00001.png"))
        let assembled = try SealFilingCLI.run([
            "assemble", "\(frames)/frames.txt", "--out", directory.path("assembled.zip"),
            "--qr-manifest", thirdPath.replacingOccurrences(of: ".zip", with: ".manifest"), "--anchor", anchor, "--json",
        ])
        #expect(assembled.status == 0, "\(assembled.stderr)")
        #expect(try directory.read("assembled.zip") == Array(Data(contentsOf: URL(fileURLWithPath: thirdPath))))
        // Against another bundle's manifest: exit 2 and nothing written.
        let mismatched = try SealFilingCLI.run([
            "assemble", "\(frames)/frames.txt", "--out", directory.path("wrong.zip"),
            "--qr-manifest", first.replacingOccurrences(of: ".zip", with: ".manifest"), "--anchor", anchor,
        ])
        #expect(mismatched.status == 2 && !FileManager.default.fileExists(atPath: directory.path("wrong.zip")), "\(mismatched.stderr)")

        // export with nothing new since bundle 3 (only its own record): exit 1, named.
        let nothing = try SealStationCLI.run([
            "export", "--out", "\(station)/courier", "--db", "\(station)/registry.sqlite", "--officer", "王经办",
            "--passphrase-file", "\(station)/demo-passphrases/operator.txt", "--station-passphrase-file", "\(station)/demo-passphrases/station.txt",
        ])
        #expect(nothing.status == 1)
        #expect(nothing.stderr.contains("nothing to export"), "\(nothing.stderr)")
    }

    /// A UR part `ur:bytes/1-2/…` whose CBOR announces a `messageLength`-byte message (written by hand: the encoder
    /// never makes one): [1, 2, messageLength, 1, h'00010203'].
    static func hostilePart(messageLength: UInt64) -> String {
        // The shortest CBOR head: 4 bytes below 2^32, else 8 (the values here are all past 16 bits).
        let width = messageLength <= UInt64(UInt32.max) ? 4 : 8
        let length = (0..<width).reversed().map { UInt8(truncatingIfNeeded: messageLength >> (8 * UInt64($0))) }
        let cbor: [UInt8] = [0x85, 0x01, 0x02, width == 4 ? 0x1A : 0x1B] + length + [0x01, 0x44, 0x00, 0x01, 0x02, 0x03]
        return "ur:bytes/1-2/" + Bytewords.encode(cbor, style: .minimal)
    }

    @Test("assemble refuses a part whose message length is 2^31, 2^32, 2^63 or 2^64-1, from text and from a QR frame (it trapped past 2^63)")
    func hostileMessageLength() throws {
        let directory = try TemporaryDirectory()
        for length: UInt64 in [1 << 31, 1 << 32, 1 << 63 - 1, 1 << 63, UInt64.max] {
            let part = Self.hostilePart(messageLength: length)
            try directory.write("frames.txt", text: part + "\n")
            try directory.write("frame.png", try QRCodeImage(text: part.uppercased()).png(pixelsPerModule: 4, dpi: 96))
            // sealfiling reads frames as text: the QR frame is read with zbarimg first, as an operator would.
            let scanned = try ExternalTool.run("zbarimg", ["--raw", "-q", directory.path("frame.png")])
            #expect(scanned.succeeded, "\(scanned.stderr)")
            try directory.write("frame-scan.txt", text: scanned.stdout)
            for input in [directory.path("frames.txt"), directory.path("frame-scan.txt"), part] {
                let result = try SealFilingCLI.run(["assemble", input, "--out", directory.path("out.zip")])
                #expect(result.status == 1, "\(length) from \(input): \(result.status) \(result.stderr)")
                #expect(result.stderr.contains("it announces a \(length)-byte message"), "\(result.stderr)")
                #expect(!FileManager.default.fileExists(atPath: directory.path("out.zip")))
            }
            // The image itself: refused, saying how to read it.
            let image = try SealFilingCLI.run(["assemble", directory.path("frame.png"), "--out", directory.path("out.zip")])
            #expect(image.status == 1 && image.stderr.contains("reads no images") && image.stderr.contains("zbarimg"), "\(image.stderr)")
            #expect(!FileManager.default.fileExists(atPath: directory.path("out.zip")))
        }
    }
}
