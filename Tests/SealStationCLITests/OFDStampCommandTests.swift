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
        let junk = try directory.write("junk.ofd", text: "not a zip")
        let error = try SealStationCLI.run(["verify", junk, "--no-trust-check"])
        #expect(error.status == 1 && error.stderr.contains("is not an OFD package"), "\(error.stderr)")
    }
}
