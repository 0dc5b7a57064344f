import Foundation
import SealTestSupport
import Testing

/// `use sign DOC.ofd` (签章 with a placement, through the use gate) and `verify DOC.ofd` (验章 of ours and other
/// systems' stamped OFDs) from the command line: exit codes, what is written, what is refused.
@Suite("sealstation use sign and verify on OFD documents")
struct OFDStampCommandTests {
    /// A station with one issued round seal and `uses` approved uses, and a 3-page OFD made by `ofd from-text`.
    static func stationWithContract(uses: Int = 1) throws -> (CLIStationWithSeal, String) {
        let station = try CLIStationWithSeal(uses: uses)
        let text = try station.directory.write("合同.txt", text: "采购合同\n甲方（盖章）：\n\u{0C}第二页\n\u{0C}乙方（盖章）：\n")
        let made = try SealStationCLI.run(["ofd", "from-text", text, "--out", station.directory.path("合同.ofd")])
        #expect(made.status == 0, "\(made.stderr)")
        return (station, station.directory.path("合同.ofd"))
    }

    func stamp(_ station: CLIStationWithSeal, _ document: String, out: String, _ placement: [String]) throws -> ExternalTool.Result {
        try station.call(["use", "sign", "--seal", "1", document, "--out", out, "--holder-passphrase-file",
                          station.directory.path("holder.pass"), "--json"] + placement + station.clerk)
    }

    @Test("use sign stamps by position and by keyword, each consuming a use; verify says valid (exit 0) and names the appearances; use log shows the stamp")
    func stampAndVerify() throws {
        let (station, document) = try Self.stationWithContract(uses: 2)
        let first = station.directory.path("合同-1.ofd"), second = station.directory.path("合同-2.ofd")
        let byPosition = try stamp(station, document, out: first, ["--page", "1", "--at", "150,60"])
        #expect(byPosition.status == 0, "\(byPosition.stderr)")
        let stamped = try SealStationCLI.json(byPosition)
        #expect(stamped["placement"] as? String == "page 1: 129 39 42 42 mm", "\(stamped)")
        #expect((stamped["stampedSM3"] as? String)?.count == 64 && stamped["stampedSM3"] as? String != stamped["documentSM3"] as? String)
        let byKeyword = try stamp(station, first, out: second, ["--keyword", "乙方（盖章）"])
        #expect(byKeyword.status == 0, "\(byKeyword.stderr)")
        #expect((try SealStationCLI.json(byKeyword)["placement"] as? String)?.contains("page 3") == true)

        let verified = try SealStationCLI.run(["verify", second, "--ca", station.directory.path("station/ca"), "--json"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        let report = try SealStationCLI.json(verified)
        #expect(report["isValid"] as? Bool == true && report["format"] as? String == "ofd")
        let signatures = try #require(report["signatures"] as? [[String: Any]])
        #expect(signatures.compactMap { ($0["appearances"] as? [[String: Any]])?.first?["page"] as? Int } == [1, 3])
        #expect(signatures.allSatisfy { ($0["seal"] as? [String: Any])?["esID"] as? String == station.esID })
        let text = try SealStationCLI.run(["verify", second, "--ca", station.directory.path("station/ca")])
        #expect(text.status == 0 && text.stdout.hasPrefix("OK: 合同-2.ofd (OFD): all 2 signature(s) verify"), "\(text.stdout)")

        let log = try station.call(["use", "log", "--json"] + station.clerk)
        #expect(log.status == 0, "\(log.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: log.standardOutput) as? [[String: Any]])
        #expect(rows.count == 2 && rows.allSatisfy { $0["signatureID"] != nil && $0["placement"] != nil && $0["stampedSM3"] != nil }, "\(rows)")
    }

    @Test("without an approved use left, use sign writes nothing (exit 1); a placement on a detached document, or an OFD without one, is a usage error")
    func refusals() throws {
        let (station, document) = try Self.stationWithContract(uses: 1)
        #expect(try stamp(station, document, out: station.directory.path("1.ofd"), ["--riding"]).status == 0)
        let refused = try stamp(station, document, out: station.directory.path("2.ofd"), ["--riding", "--edge", "left"])
        #expect(refused.status == 1 && refused.stderr.contains("approved use"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: station.directory.path("2.ofd")))

        let detached = try stamp(station, station.directory.path("合同.txt"), out: station.directory.path("合同.ses"), ["--page", "1", "--at", "10,10"])
        #expect(detached.status == 64 && detached.stderr.contains("signed detached"), "\(detached.stderr)")
        let unplaced = try stamp(station, document, out: station.directory.path("3.ofd"), [])
        #expect(unplaced.status == 64 && unplaced.stderr.contains("say where the seal goes"), "\(unplaced.stderr)")
        let notFound = try stamp(station, document, out: station.directory.path("4.ofd"), ["--keyword", "丙方"])
        #expect(notFound.status == 1 && notFound.stderr.contains("丙方"), "\(notFound.stderr)")
        #expect(!FileManager.default.fileExists(atPath: station.directory.path("4.ofd")))
        let withSignature = try SealStationCLI.run(["verify", "--signature", "x.ses", document, "--no-trust-check"])
        #expect(withSignature.status == 64 && withSignature.stderr.contains("without --signature"), "\(withSignature.stderr)")
    }

    @Test("verify gives the fixtures' verdicts: allprotected valid, fapiao-shili invalid naming Document.xml, SESV4SignDoc invalid for time; a file that is not an OFD is an error")
    func thirdParty() throws {
        let valid = try SealStationCLI.run(["verify", try SharedFixtures.ofd("ofdrw-sign__allprotected.ofd").path, "--no-trust-check", "--at", "2020-10-23"])
        #expect(valid.status == 0, "\(valid.stdout)\(valid.stderr)")
        let tampered = try SealStationCLI.run(["verify", try SharedFixtures.ofd("ofdrw-converter__fapiao-shili.ofd").path, "--no-trust-check", "--at", "2021-01-01"])
        #expect(tampered.status == 2 && tampered.stdout.contains("/Doc_0/Document.xml changed"), "\(tampered.stdout)")
        let late = try SealStationCLI.run(["verify", try SharedFixtures.ofd("ofdrw-reader__SESV4SignDoc.ofd").path, "--no-trust-check", "--at", "2021-06-01", "--json"])
        #expect(late.status == 2)
        let failures = try #require((try SealStationCLI.json(late)["signatures"] as? [[String: Any]])?.first?["failures"] as? [[String: Any]])
        #expect(Set(failures.compactMap { $0["id"] as? String }).isSuperset(of: ["signer-certificate-validity", "seal.validity"]), "\(failures)")

        let directory = try TemporaryDirectory()
        // A link the user names is followed.
        try FileManager.default.createSymbolicLink(
            atPath: directory.path("link.ofd"), withDestinationPath: try SharedFixtures.ofd("ofdrw-sign__allprotected.ofd").path)
        let linked = try SealStationCLI.run(["verify", directory.path("link.ofd"), "--no-trust-check", "--at", "2020-10-23"])
        #expect(linked.status == 0 && linked.stdout.hasPrefix("OK: link.ofd"), "\(linked.stdout)\(linked.stderr)")
        let junk = try directory.write("junk.ofd", text: "not a zip")
        let error = try SealStationCLI.run(["verify", junk, "--no-trust-check"])
        #expect(error.status == 1 && error.stderr.contains("is not an OFD package"), "\(error.stderr)")
    }

    /// Hostile OFDs written by Python's zipfile: a member escaping the package, a symbolic link, an OFD.xml with a
    /// DTD, one with an external entity, a billion-laughs OFD.xml, and 100,000 members.
    static let hostileMaker = """
        import sys, zipfile
        out = sys.argv[1]
        ofd = b'<?xml version="1.0" encoding="UTF-8"?>\\n<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>a</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>'
        def write(name, members, link=None):
            with zipfile.ZipFile(out + "/" + name, "w", zipfile.ZIP_DEFLATED) as z:
                for path, data in members:
                    z.writestr(path, data)
                if link:
                    info = zipfile.ZipInfo(link)
                    info.external_attr = (0o120777 << 16)
                    z.writestr(info, "/etc/passwd")
        write("zip-slip.ofd", [("OFD.xml", ofd), ("../../evil.xml", b"x")])
        write("symlink.ofd", [("OFD.xml", ofd)], link="Doc_0/Document.xml")
        write("dtd.ofd", [("OFD.xml", b'<?xml version="1.0"?><!DOCTYPE ofd:OFD [<!ELEMENT a ANY>]>' + ofd[39:])])
        write("xxe.ofd", [("OFD.xml", b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>')])
        laughs = b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">' + b"".join(b'<!ENTITY %c "&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;">' % ((98 + i,) + (97 + i,) * 10) for i in range(9)) + b']><l>&j;</l>'
        write("laughs.ofd", [("OFD.xml", laughs)])
        with zipfile.ZipFile(out + "/many.ofd", "w", zipfile.ZIP_STORED) as z:
            z.writestr("OFD.xml", ofd)
            for i in range(100000):
                z.writestr("Doc_0/m%d" % i, b"")
        """

    @Test("hostile OFDs (zip-slip, a link, a DTD, an external entity, billion laughs, 100,000 members) are refused by verify and use sign with a clear error, exit 1, nothing written")
    func hostileDocuments() throws {
        let (station, _) = try Self.stationWithContract(uses: 6)
        let made = try PythonTools.run(script: Self.hostileMaker, [station.directory.url.path])
        #expect(made.succeeded, "\(made.stderr)")
        let cases: [(String, String)] = [
            ("zip-slip.ofd", "unsafe path"), ("symlink.ofd", "symbolic link"), ("dtd.ofd", "declares a DTD"),
            ("xxe.ofd", "declares a DTD"), ("laughs.ofd", "declares a DTD"), ("many.ofd", "members"),
        ]
        for (name, message) in cases {
            let file = station.directory.path(name)
            let started = Date()
            let verified = try SealStationCLI.run(["verify", file, "--no-trust-check"])
            #expect(verified.status == 1 || verified.status == 2, "\(name): \(verified.status)")
            #expect((verified.stderr + verified.stdout).contains(message), "\(name): \(verified.stderr)\(verified.stdout)")
            let stamped = try stamp(station, file, out: station.directory.path("out-" + name), ["--page", "1", "--at", "100,100"])
            #expect(stamped.status == 1, "\(name): \(stamped.status)")
            #expect(stamped.stderr.contains(message), "\(name): \(stamped.stderr)")
            #expect(!FileManager.default.fileExists(atPath: station.directory.path("out-" + name)), "\(name)")
            #expect(Date().timeIntervalSince(started) < 20, "\(name) took \(Date().timeIntervalSince(started)) s")
        }
    }
}
