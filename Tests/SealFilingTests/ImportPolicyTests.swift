import Foundation
import SealBundle
import SealCrypto
import SealFiling
import SealPKI
import SealStation
import SealTestSupport
import Testing
import SealRegistry

/// The import policy (sequence, gaps, late bundles, replays, forks, immutable seals), run against every store.
@Suite("Import policy, over every FilingStore")
struct ImportPolicyTests {
    @Test("import: in order and idempotent; a gap, a replay and a fork are refused and change nothing; --accept-gap never rolls a seal back",
          arguments: FilingStoreKind.allCases)
    func importing(_ kind: FilingStoreKind) async throws {
        let office = try FilingFixture()
        let seal = try office.issuePersonalSeal()
        let first = try office.export()
        _ = try office.station.revoke(by: office.approver, sealID: seal.id!, reason: "离职", now: FilingFixture.now)
        let second = try office.export()
        _ = try office.issuePersonalSeal(holder: "李四")
        let third = try office.export()
        let verifier = office.verifier
        func outcome(_ export: BundleExport) -> BundleVerifier.Outcome { verifier.verify(URL(fileURLWithPath: export.path)) }
        func dump(_ database: StoreUnderTest) throws -> String { try database.dump() }

        let database = try await kind.open(office.directory, name: "filings")
        let importer = BundleImporter(store: database.store)
        // A station's first bundle needs its CA pinned.
        let unpinned = BundleVerifier().verify(URL(fileURLWithPath: first.path))
        #expect(unpinned.report.isValid && !unpinned.report.anchored)
        let empty = try dump(database)
        await #expect {
            try await importer.importBundle(unpinned, now: FilingFixture.now)
        } throws: { error in
            guard case BundleImportError.stationNotEnrolled = error else { return false }
            return true
        }
        #expect(try dump(database) == empty)

        #expect(try await importer.importBundle(outcome(first), now: FilingFixture.now).status == .imported)
        var before = try dump(database)
        // The same bundle again: a no-op.
        #expect(try await importer.importBundle(outcome(first), now: FilingFixture.now).status == .alreadyImported)
        #expect(try dump(database) == before)
        // Bundle 3 after 1: a gap, refused, nothing changed.
        await #expect {
            try await importer.importBundle(outcome(third), now: FilingFixture.now)
        } throws: { error in
            guard case BundleImportError.gap(let detail) = error else { return false }
            return detail.contains("bundle 2 is missing")
        }
        #expect(try dump(database) == before)
        #expect(try await importer.importBundle(outcome(second), now: FilingFixture.now).status == .imported)
        #expect(try await importer.importBundle(outcome(third), now: FilingFixture.now).status == .imported)
        #expect(try await database.store.filedSeals(creditCode: "91110108MA00000070").map(\.state).sorted() == ["issued", "revoked"])
        // Bundle 1 presented again after 3: already imported, flagged as a replay, nothing changed.
        before = try dump(database)
        let replay = try await importer.importBundle(outcome(first), now: FilingFixture.now)
        #expect(replay.status == .alreadyImported && replay.message.contains("a replay"))
        #expect(try dump(database) == before)

        // A fork: a different bundle numbered 2, signed with the station's real keys, is refused even with --accept-gap.
        var forked = try #require(outcome(second).bundle)
        forked.info.created = forked.info.created.addingTimeInterval(1)
        let makerKey = try PrivateKey(
            encryptedPKCS8: ProtectedFile.read(office.station.directory.appendingPathComponent("maker/maker-key.p8").path),
            passphrase: FilingFixture.stationPassphrase)
        let forkedFiles = try forked.signedFiles(
            signer: makerKey, certificate: office.station.makerCertificate, chain: [office.station.ca.certificate], signingTime: FilingFixture.now)
        let forkOutcome = verifier.verify(data: try BundleArchive.archive(forkedFiles), name: "fork")
        #expect(forkOutcome.report.isValid, "\(forkOutcome.report.firstFailure ?? "")")
        await #expect {
            try await BundleImporter(store: database.store, acceptGap: true).importBundle(forkOutcome, now: FilingFixture.now)
        } throws: { error in
            guard case BundleImportError.conflict(let sequence, _) = error else { return false }
            return sequence == 2
        }
        #expect(try dump(database) == before)

        _ = try office.issuePersonalSeal(holder: "王五")
        let fourth = try office.export()
        let otherDatabase = try await kind.open(office.directory, name: "other")
        let other = otherDatabase.store
        let lenient = BundleImporter(store: other, acceptGap: true)
        // Out of order with --accept-gap: 2 first (gap accepted), then 1 late: the seal stays revoked.
        let late = try await lenient.importBundle(outcome(second), now: FilingFixture.now)
        #expect(late.anomaly?.contains("gap: bundles 1–1") == true)
        #expect(try await lenient.importBundle(outcome(first), now: FilingFixture.now).anomaly?.contains("out of order") == true)
        #expect(try await other.filedSeals(esID: seal.esID).first?.state == "revoked")
        #expect(try await BundleImporter(store: other).importBundle(outcome(third), now: FilingFixture.now).status == .imported)
        #expect(try await BundleImporter(store: other).importBundle(outcome(fourth), now: FilingFixture.now).status == .imported)
        #expect(try await other.bundles().map(\.sequence) == [1, 2, 3, 4])
    }
}
