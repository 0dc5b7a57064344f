import Foundation
import SealTestSupport
import Testing

/// `sealfiling`, the online program: its help, and what it keeps and finds of the demo's bundles.
@Suite("sealfiling: help, case-insensitive query, every filed field shown")
struct FilingCommandTests {
    /// Every sealfiling command (and the program itself).
    static let commands: [[String]] = [[], ["import"], ["query"], ["verify"], ["assemble"]]

    @Test("every sealfiling command's help has an example, one whole command on one line even on a narrow terminal", arguments: commands)
    func helpExample(command: [String]) throws {
        let result = try ExternalTool.run("setsid", ["-w", SealFilingCLI.binary.path] + command + ["--help"], environment: ["COLUMNS": "60"])
        #expect(result.status == 0)
        let lines = result.stdout.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix("Example") }, "\(command): no example")
        let examples = lines[(start + 1)...].prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(!examples.isEmpty, "\(command)")
        for line in examples {
            #expect(line.hasPrefix("  sealfiling \(command.joined(separator: " "))"), "\(command): \(line)")
            #expect(line.filter { $0 == "'" }.count % 2 == 0 && line.filter { $0 == "\"" }.count % 2 == 0, "\(command): \(line)")
        }
    }

    @Test("sealfiling links no cairo, FreeType, HarfBuzz, zbar or qrencode, and sealstation does (the check can see them)")
    func noImageLibraries() throws {
        let online = try ExternalTool.run("ldd", [SealFilingCLI.binary.path])
        let station = try ExternalTool.run("ldd", [SealStationCLI.binary.path])
        #expect(online.succeeded && station.succeeded, "\(online.stderr)\(station.stderr)")
        for library in ["libcairo", "libfreetype", "libharfbuzz-subset", "libzbar", "libqrencode"] {
            #expect(!online.stdout.contains(library), "sealfiling links \(library)")
            #expect(station.stdout.contains(library), "sealstation does not link \(library): the check would prove nothing")
        }
    }

    @Test("sealstation no longer has bundle import, query or assemble; usage errors exit 64")
    func stationDropsOnlineCommands() throws {
        for command in ["import", "query", "assemble"] {
            let result = try SealStationCLI.run(["bundle", command, "filing.zip", "--db", "online.sqlite"])
            #expect(result.status == 64, "bundle \(command): \(result.status) \(result.stdout)")
        }
        let usage = try SealFilingCLI.run(["query", "--db", "x.sqlite"])
        #expect(usage.status == 64 && usage.stderr.contains("--credit-code"), "\(usage.stderr)")
    }

    @Test("a lower-case credit code finds the demo's seals online; physicalCode, issuedBy and approvedBy are shown, in JSON too")
    func queryOnline() throws {
        let directory = try TemporaryDirectory()
        let station = directory.path("station")
        #expect(try SealStationCLI.run(["demo", "--dir", station]).status == 0)
        let db = "\(station)/online/filings.sqlite"
        let upper = try SealFilingCLI.run(["query", "--db", db, "--credit-code", "91110108MA00000070", "--json"])
        let lower = try SealFilingCLI.run(["query", "--db", db, "--credit-code", "91110108ma00000070", "--json"])
        #expect(upper.status == 0 && lower.status == 0, "\(lower.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: lower.standardOutput) as? [[String: Any]])
        #expect(rows.count == 4)
        #expect(lower.stdout == upper.stdout)
        #expect(rows.allSatisfy { $0["issuedBy"] is String && $0["approvedBy"] is String }, "\(lower.stdout)")
        #expect(rows.contains { ($0["physicalCode"] as? String)?.count == 13 }, "\(lower.stdout)")
        let table = try SealFilingCLI.run(["query", "--db", db, "--credit-code", "91110108ma00000070"])
        #expect(table.status == 0 && table.stdout.contains("issued by") && table.stdout.contains("approved by"), "\(table.stdout)")
        // Every seal with its holder certificate's status from the station's latest CRL (none in bundles from before
        // CRLs); a revoked or superseded seal is never "not revoked".
        for row in rows {
            let revocation = try #require(row["revocation"] as? [String: Any], "\(row)")
            let status = try #require(revocation["status"] as? String)
            #expect(["revoked", "not-revoked", "no-crl"].contains(status) && (revocation["serial"] as? String)?.isEmpty == false, "\(revocation)")
            if ["revoked", "superseded"].contains(row["state"] as? String) { #expect(status != "not-revoked", "\(row)") }
        }
        #expect(table.stdout.contains("certificate"), "\(table.stdout)")
    }

    @Test("sealfiling query --serial: one answer per enrolled station, in JSON too; a serial that is not hex, or with another selector, is a usage error")
    func querySerial() throws {
        let directory = try TemporaryDirectory()
        let station = directory.path("station")
        #expect(try SealStationCLI.run(["demo", "--dir", station]).status == 0)
        let db = "\(station)/online/filings.sqlite"
        let result = try SealFilingCLI.run(["query", "--db", db, "--serial", "0x7F", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: result.standardOutput) as? [[String: Any]])
        #expect(rows.count == 1 && (rows[0]["revocation"] as? [String: Any])?["serial"] as? String == "7f", "\(result.stdout)")
        for arguments in [["--serial", "7g"], ["--serial", "01", "--credit-code", "91110108MA00000070"]] {
            let usage = try SealFilingCLI.run(["query", "--db", db] + arguments)
            #expect(usage.status == 64 && usage.stderr.contains("--serial"), "\(arguments): \(usage.stderr)")
        }
    }
}
