import Foundation
import SealBundle
import SealCrypto
import SealFiling
import SealPKI
import SealRegistry
import SealStation
import SealTestSupport
import Testing

/// `sealfiling query` on a registry filled by real imports with CRLs: each seal's holder certificate status (revoked
/// with reason and dates, not revoked, stale, no CRL), in the table and in JSON, and `--serial`.
@Suite("sealfiling query: revocation status from the latest filed CRL")
struct FilingQueryCommandTests {
    /// The built `sealfiling` binary (beside the test bundle).
    static var binary: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("sealfiling").path
    }

    static func run(_ arguments: [String]) throws -> ExternalTool.Result { try ExternalTool.run("setsid", ["-w", binary] + arguments) }

    /// The JSON rows of `sealfiling query … --json`.
    static func rows(_ arguments: [String]) throws -> [[String: Any]] {
        let result = try run(arguments + ["--json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: result.standardOutput) as? [[String: Any]], "\(result.stdout)")
    }

    @Test("query shows revoked with RFC 5280 and 中文 reason, dates and CRL number; not revoked with next update; stale; no CRL; --serial")
    func revocationStatus() async throws {
        let office = try FilingFixture()
        let revoked = try office.issueUnitSeal()
        let kept = try office.issuePersonalSeal()
        let first = try office.export()
        _ = try office.station.revoke(by: office.approver, sealID: revoked.id!, reason: "单位注销", now: FilingFixture.now)
        let second = try office.export()
        let db = office.directory.path("online/filings.sqlite")
        let store = try SQLiteFilingStore(path: db)
        let serial = FiledRevocationRecord.serialHex(try FilingFixture.serial(of: revoked))
        let keptSerial = FiledRevocationRecord.serialHex(try FilingFixture.serial(of: kept))

        // A bundle without a CRL (as stations from before CRLs export them): no CRL.
        let plain = try SQLiteFilingStore(path: office.directory.path("online/plain.sqlite"))
        let withoutCRL = try office.submission(try office.bundle(first, crl: nil))
        #expect(try await BundleImporter(store: plain).importBundle(withoutCRL, now: FilingFixture.now).status == .imported)
        let none = try Self.rows(["query", "--db", plain.path, "--es-id", kept.esID])
        let noneStatus = try #require(none.first?["revocation"] as? [String: Any])
        #expect(noneStatus["status"] as? String == "no-crl" && noneStatus["serial"] as? String == keptSerial && noneStatus["crlNumber"] == nil)
        #expect(try Self.run(["query", "--db", plain.path, "--es-id", kept.esID]).stdout.contains("no CRL"))

        // CRL 1 (nextUpdate long past): not revoked, stale.
        let bundle1 = try office.submission(try office.bundle(first, crl: try office.crl(1, []).derEncoded))
        #expect(try await BundleImporter(store: store).importBundle(bundle1, now: FilingFixture.now).status == .imported)
        let stale = try #require(try Self.rows(["query", "--db", db, "--es-id", kept.esID]).first?["revocation"] as? [String: Any])
        #expect(stale["status"] as? String == "not-revoked" && stale["crlNumber"] as? Int == 1 && stale["stale"] as? Bool == true, "\(stale)")
        let staleTable = try Self.run(["query", "--db", db, "--es-id", kept.esID])
        #expect(staleTable.status == 0 && staleTable.stdout.contains("not revoked on CRL 1, stale: next update was"), "\(staleTable.stdout)")

        // CRL 2, current, lists the revoked seal's certificate.
        let invalid = FilingFixture.now.addingTimeInterval(-3_600)
        let nextUpdate = Date().addingTimeInterval(30 * 86_400)
        let crl2 = try office.crl(2, [try FilingFixture.revoked(revoked, .cessationOfOperation, invalidityDate: invalid)], nextUpdate: nextUpdate)
        let bundle2 = try office.submission(try office.bundle(second, crl: crl2.derEncoded, after: bundle1.sm3))
        #expect(try await BundleImporter(store: store).importBundle(bundle2, now: FilingFixture.now).status == .imported)

        let rows = try Self.rows(["query", "--db", db, "--credit-code", FilingFixture.creditCode.lowercased()])
        #expect(rows.count == 2)
        let revokedRow = try #require(rows.first { $0["esID"] as? String == revoked.esID })
        let status = try #require(revokedRow["revocation"] as? [String: Any])
        let iso = { (date: Date) in date.formatted(.iso8601) }
        #expect(revokedRow["state"] as? String == "revoked")
        #expect(status["status"] as? String == "revoked" && status["serial"] as? String == serial && status["reason"] as? String == "cessationOfOperation"
            && status["reasonCode"] as? Int == 5 && status["reasonChinese"] as? String == "停止使用（注销）" && status["crlNumber"] as? Int == 2
            && status["revocationDate"] as? String == iso(FilingFixture.now) && status["invalidityDate"] as? String == iso(invalid)
            && status["stale"] as? Bool == false, "\(status)")
        let keptStatus = try #require(rows.first { $0["esID"] as? String == kept.esID }?["revocation"] as? [String: Any])
        let next = iso(try #require(crl2.nextUpdate))
        #expect(keptStatus["status"] as? String == "not-revoked" && keptStatus["crlNumber"] as? Int == 2
            && keptStatus["crlNextUpdate"] as? String == next && keptStatus["stale"] as? Bool == false, "\(keptStatus)")

        let table = try Self.run(["query", "--db", db, "--credit-code", FilingFixture.creditCode])
        #expect(table.status == 0 && table.stdout.contains("certificate"), "\(table.stderr)")
        #expect(table.stdout.contains("revoked: cessationOfOperation 停止使用（注销）, \(iso(FilingFixture.now)), invalid since \(iso(invalid)) (CRL 2)"), "\(table.stdout)")
        #expect(table.stdout.contains("not revoked (CRL 2, next update \(next))"), "\(table.stdout)")

        // --serial: the same answer for the serial typed in upper case with colons; another serial is not revoked.
        let typed = stride(from: 0, to: serial.count, by: 2).map { String(Array(serial)[$0..<min($0 + 2, serial.count)]) }.joined(separator: ":").uppercased()
        let bySerial = try Self.rows(["query", "--db", db, "--serial", typed])
        #expect(bySerial.count == 1 && bySerial[0]["stationID"] as? String == office.station.stationID)
        let serialStatus = try #require(bySerial.first?["revocation"] as? [String: Any])
        #expect(serialStatus["status"] as? String == "revoked" && serialStatus["serial"] as? String == serial && serialStatus["crlNumber"] as? Int == 2)
        let other = try Self.run(["query", "--db", db, "--serial", "0x01"])
        #expect(other.status == 0 && other.stdout.contains("测试站") && other.stdout.contains("not revoked (CRL 2"), "\(other.stdout)")
        // Usage errors.
        for arguments in [["--serial", "xyz"], ["--serial", String(repeating: "ab", count: 22)], ["--serial", "01", "--es-id", revoked.esID]] {
            let refused = try Self.run(["query", "--db", db] + arguments)
            #expect(refused.status == 64, "\(arguments): \(refused.status) \(refused.stderr)")
        }
    }

    @Test("sealfiling import files a bundle's CRL, and refuses one that un-revokes a certificate (exit 1, serial and CRL numbers named, nothing changed)")
    func importRefusesUnrevoking() async throws {
        let office = try FilingFixture()
        let seal = try office.issuePersonalSeal()
        let first = try office.export()
        _ = try office.station.revoke(by: office.approver, sealID: seal.id!, reason: "离职", now: FilingFixture.now)
        let second = try office.export()
        _ = try office.issuePersonalSeal(holder: "李四")
        let third = try office.export()
        let anchor = office.directory.path("station-ca.pem")
        try Data(office.station.ca.certificate.pemEncoded.utf8).write(to: URL(fileURLWithPath: anchor))
        let db = office.directory.path("online/filings.sqlite")
        let revocation = try FilingFixture.revoked(seal, .cessationOfOperation)
        let serial = FiledRevocationRecord.serialHex(revocation.serialNumber)
        /// Writes the bundle file and returns its path and SM3.
        func file(_ name: String, _ bundle: FilingBundle) throws -> (path: String, sm3: String) {
            let archive = try office.archive(bundle)
            let path = office.directory.path("\(name).zip")
            try archive.write(to: URL(fileURLWithPath: path))
            return (path, Hex.encode(try SM3.hash(archive)))
        }
        let one = try file("one", try office.bundle(first, crl: try office.crl(1, []).derEncoded))
        let two = try file("two", try office.bundle(second, crl: try office.crl(2, [revocation]).derEncoded, after: one.sm3))
        let dropping = try file("three", try office.bundle(third, crl: try office.crl(3, []).derEncoded, after: two.sm3))
        for bundle in [one, two] {
            let result = try Self.run(["import", bundle.path, "--db", db, "--anchor", anchor, "--json"])
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        }
        let before = try ExternalTool.run("sqlite3", [db, ".dump"]).stdout
        let refused = try Self.run(["import", dropping.path, "--db", db, "--anchor", anchor])
        #expect(refused.status == 1, "\(refused.status) \(refused.stdout)")
        #expect(refused.stderr.contains("certificate \(serial) is revoked on CRL 2 (cessationOfOperation 停止使用（注销）), and CRL 3 no longer lists it"), "\(refused.stderr)")
        #expect(try ExternalTool.run("sqlite3", [db, ".dump"]).stdout == before)
        let status = try #require(try Self.rows(["query", "--db", db, "--es-id", seal.esID]).first?["revocation"] as? [String: Any])
        #expect(status["status"] as? String == "revoked" && status["crlNumber"] as? Int == 2)
    }
}
