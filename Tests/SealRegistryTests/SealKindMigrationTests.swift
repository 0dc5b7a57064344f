import Foundation
import GRDB
import SealCrypto
@testable import SealRegistry
import SealSES
import SealTestSupport
import Testing

/// Migration v6-seal-kind: a registry written before it (schema v5) gets `seal.kind`, backfilled from each seal's
/// SES_Seal type code.
@Suite("Seal kind migration")
struct SealKindMigrationTests {
    /// A registry file with the schema of v5 (migrations run up to `v5-officer-disabled`), holding an officer, an
    /// application and one seal per `seals` (its SES_Seal DER), as the release before v6 wrote them.
    func schemaV5Registry(_ directory: TemporaryDirectory, seals: [[UInt8]]) throws -> String {
        let path = directory.path("registry.sqlite")
        let queue = try DatabaseQueue(path: path)
        try StationDatabase.migrator.migrate(queue, upTo: "v5-officer-disabled")
        try queue.write { db in
            #expect(try !db.columns(in: "seal").contains { $0.name == "kind" })
            try db.execute(sql: """
                INSERT INTO officer (name, role, passphraseHash, createdAt) VALUES ('王经办', 'operator', '-', '2026-09-21 00:00:00');
                INSERT INTO application (unitName, creditCode, template, reason, state, applicantID, createdAt)
                    VALUES ('某公司', '91110108MA00000070', 'round-42', '测试', 'issued', 1, '2026-09-21 00:00:00');
                """)
            for (index, der) in seals.enumerated() {
                try db.execute(sql: """
                    INSERT INTO seal (applicationID, esID, name, unitName, creditCode, template, state, sealDER, imagePNG,
                        holderCertificate, custody, validFrom, validTo, issuedBy, issuedAt)
                    VALUES (1, ?, '印章', '某公司', '91110108MA00000070', 'round-42', 'issued', ?, x'89', x'30', ?, '2026-09-21 00:00:00',
                        '2028-09-21 00:00:00', 1, '2026-09-21 00:00:00')
                    """, arguments: ["1101080000000\(index)", Data(der), "file:issued/1101080000000\(index)"])
            }
        }
        try queue.close()
        return path
    }

    @Test("an old-schema registry is backed up and migrated: unit seals (type 1) and personal seals (type 2) are told apart")
    func backfill() throws {
        let directory = try TemporaryDirectory()
        let maker = try RegistryFixture()
        let unit = try maker.makeSeal(.unit, esID: "11010800000000").seal, personal = try maker.makeSeal(.personal, esID: "11010800000001").seal
        let path = try schemaV5Registry(directory, seals: [unit.derEncoded, personal.derEncoded])

        let database = try StationDatabase(path: path, create: false, now: RegistryFixture.now)
        #expect(database.upgradedFrom == "v5-officer-disabled")
        #expect(try database.seals(SealQuery()).map(\.kind) == [.unit, .personal])
        // The backup beside it is the registry as it was, without the column.
        let backups = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.hasPrefix("registry.sqlite.before-v5-officer-disabled-") }
        #expect(backups.count == 1)
        let old = try DatabaseQueue(path: directory.path(backups[0]))
        #expect(try old.read { db in try db.columns(in: "seal").contains { $0.name == "kind" } } == false)
    }

    @Test("a seal whose stored DER is not an SES_Seal stops the migration, naming the seal; the registry is left at v5")
    func damagedSeal() throws {
        let directory = try TemporaryDirectory()
        let path = try schemaV5Registry(directory, seals: [[0x30, 0x03, 0x02, 0x01, 0x01]])
        #expect {
            _ = try StationDatabase(path: path, create: false, now: RegistryFixture.now)
        } throws: { error in
            "\(error)".contains("seal 1 has sealDER") && "\(error)".contains("not an SES_Seal")
        }
        let queue = try DatabaseQueue(path: path)
        #expect(try queue.read { db in try StationDatabase.migrator.appliedMigrations(db).last } == "v5-officer-disabled")
    }
}
