import Foundation
import GRDB
import SealCrypto
import SealPKI
@_spi(Fixtures) @testable import SealRegistry
import SealAudit
import SealSES
import SealTestSupport
import Testing

/// Migration v7-revocation: a registry written before it (schema v6) gets `certificate_revocation`, backfilled with
/// the holder certificate of every revoked seal (cessationOfOperation) and every changed seal (superseded), and `crl`.
@Suite("Revocation migration and the registry's revocation list")
struct RevocationMigrationTests {
    static let day: TimeInterval = 86_400

    /// A v6 registry (migrations up to `v6-seal-kind`) with three seals made by `fixture`: seal 1 revoked on day 2,
    /// seal 2 replaced by seal 3 issued on day 3, seal 3 issued. The audit records name who did each.
    func schemaV6Registry(_ directory: TemporaryDirectory, fixture: RegistryFixture) throws -> (path: String, certificates: [Certificate]) {
        let path = directory.path("registry.sqlite")
        let queue = try DatabaseQueue(path: path)
        try StationDatabase.migrator.migrate(queue, upTo: "v6-seal-kind")
        var certificates: [Certificate] = []
        try queue.write { db in
            #expect(try !db.tableExists("certificate_revocation"))
            try db.execute(sql: """
                INSERT INTO officer (name, role, passphraseHash, createdAt) VALUES ('王经办', 'operator', '-', '2026-09-21 00:00:00');
                INSERT INTO application (unitName, creditCode, template, reason, state, applicantID, createdAt)
                    VALUES ('某公司', '91110108MA00000070', 'round-42', '测试', 'issued', 1, '2026-09-21 00:00:00');
                """)
            let states: [(String, Date?, Int64?, Date)] = [
                ("revoked", RegistryFixture.now.addingTimeInterval(2 * Self.day), nil, RegistryFixture.now),
                ("superseded", nil, nil, RegistryFixture.now),
                ("issued", nil, 2, RegistryFixture.now.addingTimeInterval(3 * Self.day)),
            ]
            for (index, (state, revokedAt, replaces, issuedAt)) in states.enumerated() {
                let (seal, holder) = try fixture.makeSeal(.unit, esID: "1101080000000\(index)")
                certificates.append(holder)
                try db.execute(sql: """
                    INSERT INTO seal (applicationID, esID, name, unitName, creditCode, template, state, sealDER, imagePNG,
                        holderCertificate, custody, validFrom, validTo, issuedBy, issuedAt, replacesSealID, revokedAt, revokeReason, kind)
                    VALUES (1, ?, '印章', '某公司', '91110108MA00000070', 'round-42', ?, ?, x'89', ?, ?, '2026-09-21 00:00:00',
                        '2028-09-21 00:00:00', 1, ?, ?, ?, ?, 'unit')
                    """, arguments: ["1101080000000\(index)", state, Data(seal.derEncoded), Data(holder.derEncoded),
                                     "file:issued/1101080000000\(index)", issuedAt, replaces, revokedAt, revokedAt == nil ? nil : "单位注销"])
            }
            // Who revoked and who changed, as the audit log of v6 holds it (the chain is not checked by the migration).
            for (officer, action, object) in [("李审批", "seal.revoke", "seal:1"), ("王经办", "seal.supersede", "seal:2")] {
                try db.execute(sql: """
                    INSERT INTO audit (time, officer, action, object, details, prevHash, hash) VALUES ('2026-09-21T00:00:00Z', ?, ?, ?, '{}', x'00', x'00')
                    """, arguments: [officer, action, object])
            }
        }
        try queue.close()
        return (path, certificates)
    }

    @Test("a v6 registry is migrated: the revoked seal's certificate is listed cessationOfOperation at its revocation, the changed one's superseded at its replacement's issue")
    func backfill() throws {
        let directory = try TemporaryDirectory()
        let fixture = try RegistryFixture()
        let (path, certificates) = try schemaV6Registry(directory, fixture: fixture)

        let database = try StationDatabase(path: path, create: false, now: RegistryFixture.now)
        #expect(database.upgradedFrom == "v6-seal-kind")
        let rows = try database.revocations()
        #expect(rows.map(\.sealID) == [1, 2])
        #expect(rows.map(\.reasonCode) == [.cessationOfOperation, .superseded])
        #expect(rows.map(\.revokedAt) == [RegistryFixture.now.addingTimeInterval(2 * Self.day), RegistryFixture.now.addingTimeInterval(3 * Self.day)])
        #expect(rows.map(\.serialNumber) == [Hex.encode(certificates[0].serialNumber), Hex.encode(certificates[1].serialNumber)])
        #expect(rows.map(\.certificateSM3) == [Hex.encode(certificates[0].fingerprint), Hex.encode(certificates[1].fingerprint)])
        #expect(rows.map(\.officer) == ["李审批", "王经办"])
        #expect(rows.allSatisfy { $0.role == .holder && $0.invalidityDate == nil })
        #expect(try rows[0].revokedCertificate().serialNumber == certificates[0].serialNumber)
        #expect(try database.crls().isEmpty)
        #expect(try database.crlDraft().number == 1)
    }

    @Test("注销 and 变更 write revocation rows in their transactions; issued CRLs are numbered, audited and append-only")
    func revocationRows() throws {
        let fixture = try RegistryFixture()
        let database = fixture.database
        let first = try fixture.issue(try fixture.approvedApplication())
        let invalid = RegistryFixture.now.addingTimeInterval(-Self.day)
        _ = try database.revokeSeal(first.id!, reason: "密钥泄露", crlReason: .keyCompromise, invalidityDate: invalid, by: "李审批", now: RegistryFixture.now)
        #expect(throws: RegistryError.self) { try database.revokeSeal(first.id!, reason: "again", by: "李审批", now: RegistryFixture.now) }
        let second = try fixture.issue(try fixture.approvedApplication())
        let change = try fixture.approvedApplication()
        let esID = String(format: "11010800%06lld", change.id!)
        let (seal, holderCertificate) = try fixture.makeSeal(.unit, esID: esID)
        _ = try database.recordIssue(
            SealRecord(
                applicationID: change.id!, esID: esID, name: "印章\(esID)", unitName: change.unitName, creditCode: change.creditCode, kind: .unit,
                template: change.template, state: .issued, sealDER: Data(seal.derEncoded), imagePNG: Data(RegistryFixture.tinyPNG),
                holderCertificate: Data(holderCertificate.derEncoded), custody: .files(path: "issued/\(esID)"), validFrom: seal.validStart,
                validTo: seal.validEnd, issuedBy: fixture.clerk.id!, issuedAt: RegistryFixture.now, replacesSealID: second.id),
            sealSM3: "-", holderCertificateSM3: Hex.encode(holderCertificate.fingerprint), by: fixture.clerk.name, caKey: fixture.pki.caKey,
            now: RegistryFixture.now) {}
        #expect(try database.revocations().last?.certificateSM3 == Hex.encode(try Certificate(derEncoded: Array(second.holderCertificate)).fingerprint))
        // The changed seal, revoked afterwards, keeps its superseded row (a reason that is not a compromise).
        _ = try database.revokeSeal(second.id!, reason: "注销", by: "李审批", now: RegistryFixture.now.addingTimeInterval(Self.day))

        let rows = try database.revocations()
        #expect(rows.map(\.sealID) == [first.id, second.id])
        #expect(rows.map(\.reasonCode) == [.keyCompromise, .superseded])
        #expect(rows[0].invalidityDate == invalid && rows[0].officer == "李审批" && rows[1].officer == fixture.clerk.name)
        let revoke = try database.auditRecords().filter { $0.auditAction == .sealRevoke }
        #expect(revoke.first?.detailValues?["crlReason"] == "keyCompromise")
        #expect(revoke.first?.detailValues?["invalidityDate"] == "2026-09-20T14:13:20Z")

        for number in 1...2 {
            let record = try database.issueCRL(by: "张管理", caKey: fixture.pki.caKey, now: RegistryFixture.now) { draft in
                #expect(draft.number == Int64(number) && draft.revocations.count == 2)
                return CRLRecord(number: draft.number, thisUpdate: RegistryFixture.now, nextUpdate: RegistryFixture.now.addingTimeInterval(7 * Self.day),
                                 entries: 2, der: Data([0x30, 0x00]), sm3: "sm3-\(number)", officer: "张管理", issuedAt: RegistryFixture.now)
            }
            #expect(record.number == Int64(number))
        }
        #expect(try database.crls().map(\.number) == [1, 2])
        #expect(try database.latestCRL()?.sm3 == "sm3-2")
        let issued = try database.auditRecords().filter { $0.auditAction == .crlIssue }
        #expect(issued.map(\.object) == ["crl:1", "crl:2"])
        #expect(issued.last?.detailValues?["entries"] == "2" && issued.last?.detailValues?["sm3"] == "sm3-2")
        #expect(try database.verifyAudit(publicKey: fixture.pki.ca.certificate.publicKey).isValid)
        // A CRL numbered out of turn is refused; stored CRLs cannot be changed.
        #expect(throws: RegistryError.self) {
            try database.issueCRL(by: "张管理", caKey: fixture.pki.caKey, now: RegistryFixture.now) { _ in
                CRLRecord(number: 7, thisUpdate: RegistryFixture.now, nextUpdate: RegistryFixture.now, entries: 0, der: Data(), sm3: "-",
                          officer: "张管理", issuedAt: RegistryFixture.now)
            }
        }
        #expect(throws: (any Error).self) {
            try database.fixtureWriter.write { db in try db.execute(sql: "UPDATE crl SET entries = 0 WHERE number = 1") }
        }
        #expect(throws: (any Error).self) {
            try database.fixtureWriter.write { db in try db.execute(sql: "DELETE FROM crl") }
        }
    }
}
