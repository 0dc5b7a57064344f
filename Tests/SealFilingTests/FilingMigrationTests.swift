import Foundation
import GRDB
@testable import SealFiling
import SealTestSupport
import Testing
import SealSES
import SealBundle

/// A filing registry written before the seal description was kept whole still opens, with its data.
@Suite("Filing registry upgrade: filing-v1 to filing-v2-seal-description to filing-v3-crl to filing-v4-clients to filing-v5-picture-once")
struct FilingMigrationTests {
    @Test("an older registry is backed up, keeps every row, gains empty physicalCode/issuedBy/approvedBy, and its lower-case codes are found")
    func upgradeKeepsData() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("online/filings.sqlite")
        try FileManager.default.createDirectory(atPath: directory.path("online"), withIntermediateDirectories: true)
        // Given a registry as the previous version left it, with a seal filed in lower case.
        let old = try DatabaseQueue(path: path)
        try SQLiteFilingStore.migrator.migrate(old, upTo: "filing-v1")
        try await old.write { db in
            try db.execute(sql: "INSERT INTO filing_station (id, name, organization, caCertificate, firstImportedAt) VALUES ('s1', '测试站', '某市公安局', x'30', '2026-09-21 00:00:00.000')")
            try db.execute(sql: """
                INSERT INTO filed_seal (esID, stationID, bundleSequence, name, kind, template, unitName, creditCode, useName, holderName,
                    holderIDNumber, state, validFrom, validTo, issuedAt, replacesESID, revokedAt, revokeReason, sealSM3, sealDER, imagePNG,
                    imageSVG, holderCertificate)
                VALUES ('11010800000001', 's1', 1, '北京某某科技发展有限公司合同专用章', 'unit', 'special-40', '北京某某科技发展有限公司',
                    '91110108ma00000070', '合同专用章', NULL, NULL, 'issued', '2026-09-21 00:00:00.000', '2027-09-21 00:00:00.000',
                    '2026-09-21 00:00:00.000', NULL, NULL, NULL, 'ab', x'01', x'02', x'03', x'04')
                """)
        }
        try old.close()

        // When this version opens it.
        let store = try SQLiteFilingStore(path: path)

        // Then the row is there, whole, found by the code in either case, with the new fields empty.
        let found = try await store.filedSeals(creditCode: "91110108ma00000070")
        #expect(found.count == 1)
        let seal = try #require(found.first)
        #expect(seal.esID == "11010800000001" && seal.creditCode == "91110108MA00000070" && seal.useName == "合同专用章")
        #expect(seal.kind == .unit && seal.state == "issued" && seal.sealDER == Data([1]) && seal.holderCertificate == Data([4]))
        #expect(seal.physicalCode == nil && seal.issuedBy == nil && seal.approvedBy == nil)
        #expect(try await store.filedSeals(creditCode: "91110108MA00000070") == found)
        // The PNG filed beside the SES_Seal (whose picture it was checked to be) is dropped: it is kept once, in sealDER.
        let columns = try ExternalTool.run("sqlite3", [path, "SELECT name FROM pragma_table_info('filed_seal')"]).stdout
        #expect(columns.contains("sealDER") && columns.contains("imageSVG") && !columns.contains("imagePNG"), "\(columns)")
        // The file as it was is kept beside it, owner-only.
        let backups = try FileManager.default.contentsOfDirectory(atPath: directory.path("online")).filter { $0.hasPrefix("filings.sqlite.before-filing-v1-") }
        #expect(backups.count == 1, "\(backups)")
        let mode = try FileManager.default.attributesOfItem(atPath: directory.path("online/\(backups[0])"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let kept = try ExternalTool.run("sqlite3", [directory.path("online/\(backups[0])"), "SELECT creditCode FROM filed_seal"])
        #expect(kept.stdout == "91110108ma00000070\n")
    }

    @Test("a registry from before CRLs (filing-v2) keeps its bundles, which carried no CRL, and gains empty CRL and client tables")
    func upgradeToCRLs() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("online/filings.sqlite")
        try FileManager.default.createDirectory(atPath: directory.path("online"), withIntermediateDirectories: true)
        let old = try DatabaseQueue(path: path)
        try SQLiteFilingStore.migrator.migrate(old, upTo: "filing-v2-seal-description")
        try await old.write { db in
            try db.execute(sql: "INSERT INTO filing_station (id, name, organization, caCertificate, firstImportedAt) VALUES ('s1', '测试站', '某市公安局', x'30', '2026-09-21 00:00:00.000')")
            try db.execute(sql: """
                INSERT INTO filing_bundle (stationID, sequence, sm3, previousSM3, createdAt, importedAt, auditFirstSeq, auditLastSeq, auditLastHash, seals, uses, anomaly)
                VALUES ('s1', 1, 'ab', NULL, '2026-09-21 00:00:00.000', '2026-09-21 00:00:00.000', 1, 9, x'01', 2, 0, NULL)
                """)
        }
        try old.close()

        let store = try SQLiteFilingStore(path: path)
        let bundles = try await store.bundles()
        #expect(bundles.count == 1 && bundles[0].sm3 == "ab" && bundles[0].auditLastSeq == 9 && bundles[0].crlNumber == nil)
        #expect(try await store.latestCRL(stationID: "s1") == nil)
        #expect(try await store.revocationStatus(stationID: "s1", serial: "01") == .noCRL)
        let tables = try ExternalTool.run("sqlite3", [path, "SELECT COUNT(*) FROM filed_crl; SELECT COUNT(*) FROM filed_crl_entry; SELECT COUNT(*) FROM filing_client; SELECT identifier FROM grdb_migrations ORDER BY rowid DESC LIMIT 1"])
        #expect(tables.stdout == "0\n0\n0\nfiling-v5-picture-once\n", "\(tables.stdout)")
        let backups = try FileManager.default.contentsOfDirectory(atPath: directory.path("online")).filter { $0.hasPrefix("filings.sqlite.before-") }
        #expect(backups.count == 1, "\(backups)")
    }

    @Test("a registry with a migration this version does not know is refused and left as it is")
    func newerRefused() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("filings.sqlite")
        _ = try SQLiteFilingStore(path: path)
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('filing-v9-future')") }
        try queue.close()
        let before = try ExternalTool.run("sqlite3", [path, ".dump"]).stdout
        #expect(throws: FilingStoreError.schemaNewer(path: path, unknownMigrations: ["filing-v9-future"])) { try SQLiteFilingStore(path: path) }
        #expect(try ExternalTool.run("sqlite3", [path, ".dump"]).stdout == before)
    }
}
