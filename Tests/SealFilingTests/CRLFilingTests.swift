import Foundation
import SealBundle
import SealCrypto
import SealFiling
import SealPKI
import SealRegistry
import SealStation
import SealTestSupport
import Testing

/// The station CA's CRLs the bundles carry, filed online: kept with their entries, answering revocation status, and
/// refused when they undo a revocation, go back, are not the station CA's, or disagree with the bundle.
@Suite("Online CRLs: filed with each bundle, revocation status, un-revoking and roll-backs refused")
struct CRLFilingTests {
    /// Imports `submission` into `database`, expecting the refusal `matches` accepts; nothing changes.
    func expectRefused(_ submission: ImportPolicy.Submission, into database: StoreUnderTest, acceptGap: Bool = false,
                       _ matches: (BundleImportError) -> Bool) async throws {
        let before = try database.dump()
        await #expect {
            try await BundleImporter(store: database.store, acceptGap: acceptGap).importBundle(submission, now: FilingFixture.now)
        } throws: { error in
            guard let error = error as? BundleImportError else { return false }
            return matches(error)
        }
        #expect(try database.dump() == before)
    }

    func imported(_ submission: ImportPolicy.Submission, into database: StoreUnderTest, acceptGap: Bool = false) async throws -> Bool {
        try await BundleImporter(store: database.store, acceptGap: acceptGap).importBundle(submission, now: FilingFixture.now).status == .imported
    }

    @Test("a bundle's CRL is filed with its entries; query says revoked with reason and dates; a later CRL that drops the entry is refused, naming serial and CRL",
          arguments: FilingStoreKind.allCases)
    func filedAndUnrevokingRefused(_ kind: FilingStoreKind) async throws {
        let office = try FilingFixture()
        let seal = try office.issueUnitSeal()
        let other = try office.issuePersonalSeal()
        let first = try office.export()
        _ = try office.station.revoke(by: office.approver, sealID: seal.id!, reason: "单位注销", now: FilingFixture.now)
        let second = try office.export()
        _ = try office.issuePersonalSeal(holder: "李四")
        let third = try office.export()
        let database = try await kind.open(office.directory, name: "filings")
        let store = database.store
        let serial = FiledRevocationRecord.serialHex(try FilingFixture.serial(of: seal))
        let invalid = FilingFixture.now.addingTimeInterval(-86_400)

        // Bundle 1 with an empty CRL 1, through the bundle verifier as sealfiling import does.
        let crl1 = try office.crl(1, [])
        let outcome1 = try office.resigned(try office.bundle(first, crl: crl1.derEncoded))
        #expect(outcome1.report.isValid, "\(outcome1.report.firstFailure ?? "")")
        #expect(try await BundleImporter(store: store).importBundle(outcome1, now: FilingFixture.now).status == .imported)
        let filed1 = try #require(try await store.latestCRL(stationID: office.station.stationID))
        #expect(filed1.number == 1 && filed1.entries == 0 && filed1.der == Data(crl1.derEncoded) && filed1.sm3 == Hex.encode(crl1.fingerprint)
            && filed1.bundleSequence == 1 && filed1.thisUpdate == crl1.thisUpdate && filed1.nextUpdate == crl1.nextUpdate)
        let filedSeal = try #require(try await store.filedSeals(esID: seal.esID).first)
        #expect(try await store.revocationStatus(of: filedSeal) == .notRevoked(crl: filed1))

        // Bundle 2: the seal revoked (注销), on CRL 2 with its reason and invalidity date.
        let crl2 = try office.crl(2, [try FilingFixture.revoked(seal, .cessationOfOperation, invalidityDate: invalid)])
        let outcome2 = try office.resigned(try office.bundle(second, crl: crl2.derEncoded, after: outcome1.report.sm3))
        #expect(outcome2.report.isValid, "\(outcome2.report.firstFailure ?? "")")
        #expect(try await BundleImporter(store: store).importBundle(outcome2, now: FilingFixture.now).status == .imported)
        let revokedSeal = try #require(try await store.filedSeals(esID: seal.esID).first)
        #expect(revokedSeal.state == "revoked")
        guard case .revoked(let entry, let on) = try await store.revocationStatus(of: revokedSeal) else {
            Issue.record("not revoked: \(try await store.revocationStatus(of: revokedSeal))")
            return
        }
        #expect(entry.serial == serial && entry.reason == .cessationOfOperation && entry.revocationDate == FilingFixture.now
            && entry.invalidityDate == invalid && entry.crlNumber == 2 && on.number == 2 && on.entries == 1)
        #expect(try await store.revocationStatus(of: try await #require(try await store.filedSeals(esID: other.esID).first)) == .notRevoked(crl: on))
        // The same answer by serial, and the rows as the file holds them.
        #expect(try await store.revocationStatus(stationID: office.station.stationID, serial: serial) == .revoked(entry, crl: on))
        if kind == .sqlite, let path = (store as? SQLiteFilingStore)?.path {
            let rows = try ExternalTool.run("sqlite3", [path, "SELECT number, entries, bundleSequence FROM filed_crl ORDER BY number; SELECT crlNumber, serial, reasonCode FROM filed_crl_entry; SELECT sequence, crlNumber FROM filing_bundle ORDER BY sequence"])
            #expect(rows.stdout == "1|0|1\n2|1|2\n2|\(serial)|5\n1|1\n2|2\n", "\(rows.stdout)")
        }

        // Bundle 3 with CRL 3 that no longer lists the revoked certificate: refused, naming it and CRL 2.
        let dropped = try office.submission(try office.bundle(third, crl: try office.crl(3, []).derEncoded, after: outcome2.report.sm3))
        try await expectRefused(dropped, into: database) { error in
            error == .crlUnrevokes(serial: serial, earlierCRL: 2, laterCRL: 3, reason: .cessationOfOperation)
                && error.description.contains("certificate \(serial) is revoked on CRL 2") && error.description.contains("CRL 3 no longer lists it")
        }
        // Listing it again, bundle 3 is taken.
        let kept = try office.crl(3, [try FilingFixture.revoked(seal, .cessationOfOperation, invalidityDate: invalid)])
        #expect(try await imported(try await office.submission(try await office.bundle(third, crl: kept.derEncoded, after: outcome2.report.sm3)), into: database))
        #expect(try await store.latestCRL(stationID: office.station.stationID)?.number == 3)
    }

    @Test("a certificate on hold may be released by the next CRL; a revoked one may not, even if put on hold first", arguments: FilingStoreKind.allCases)
    func holdReleased(_ kind: FilingStoreKind) async throws {
        let office = try FilingFixture()
        let held = try office.issuePersonalSeal()
        let compromised = try office.issuePersonalSeal(holder: "赵六")
        let first = try office.export()
        _ = try office.issuePersonalSeal(holder: "李四")
        let second = try office.export()
        _ = try office.issuePersonalSeal(holder: "王五")
        let third = try office.export()
        let database = try await kind.open(office.directory, name: "filings")
        // An issued seal's certificate on hold is consistent with the bundle.
        let bundle1 = try office.submission(try office.bundle(first, crl: try office.crl(1, [
            try FilingFixture.revoked(held, .certificateHold), try FilingFixture.revoked(compromised, .certificateHold),
        ]).derEncoded))
        #expect(try await imported(bundle1, into: database))
        guard case .revoked(let entry, _) = try await database.store.revocationStatus(of: try #require(try await database.store.filedSeals(esID: held.esID).first)) else {
            Issue.record("not on hold")
            return
        }
        #expect(entry.reason == .certificateHold)
        // Released: CRL 2 no longer lists it.
        // Released: CRL 2 no longer lists the first; the second is now revoked for keyCompromise.
        let keyCompromise = try FilingFixture.revoked(compromised, .keyCompromise)
        let bundle2 = try office.submission(try office.bundle(second, crl: try office.crl(2, [keyCompromise]).derEncoded, after: bundle1.sm3))
        #expect(try await imported(bundle2, into: database))
        let crl2 = try #require(try await database.store.latestCRL(stationID: office.station.stationID))
        #expect(try await database.store.revocationStatus(of: try await #require(try await database.store.filedSeals(esID: held.esID).first)) == .notRevoked(crl: crl2))
        // That one can no longer be dropped.
        try await expectRefused(try office.submission(try office.bundle(third, crl: try office.crl(3, []).derEncoded, after: bundle2.sm3)), into: database) { error in
            error == .crlUnrevokes(serial: FiledRevocationRecord.serialHex(keyCompromise.serialNumber), earlierCRL: 2, laterCRL: 3, reason: .keyCompromise)
                && error.description.contains("keyCompromise 密钥泄露")
        }
    }

    @Test("a CRL number going down, one number with other bytes, an earlier thisUpdate are refused; the same CRL again is kept once",
          arguments: FilingStoreKind.allCases)
    func numbering(_ kind: FilingStoreKind) async throws {
        let office = try FilingFixture()
        _ = try office.issuePersonalSeal()
        let first = try office.export()
        _ = try office.issuePersonalSeal(holder: "李四")
        let secondExport = try office.export()
        let database = try await kind.open(office.directory, name: "filings")
        let crl5 = try office.crl(5, [], issuedAfter: 600)
        let bundle1 = try office.submission(try office.bundle(first, crl: crl5.derEncoded))
        #expect(try await imported(bundle1, into: database))
        func second(_ crl: CertificateRevocationList) throws -> ImportPolicy.Submission {
            try office.submission(try office.bundle(secondExport, crl: crl.derEncoded, after: bundle1.sm3))
        }

        try await expectRefused(try second(try office.crl(4, [], issuedAfter: 900)), into: database) { error in
            error == .crlNumberDecreased(number: 4, filed: 5, filedBundle: 1) && error.description.contains("lower than CRL 5")
        }
        let other5 = try office.crl(5, [], issuedAfter: 700)
        try await expectRefused(try second(other5), into: database) { error in
            error == .crlNumberReused(number: 5, filedSM3: Hex.encode(crl5.fingerprint), sm3: Hex.encode(other5.fingerprint))
        }
        let early6 = try office.crl(6, [], issuedAfter: 300)
        try await expectRefused(try second(early6), into: database) { error in
            error == .crlThisUpdateEarlier(number: 6, thisUpdate: early6.thisUpdate, filed: 5, filedThisUpdate: crl5.thisUpdate)
        }
        // CRL 5 again, byte for byte (no CRL issued between two exports): taken, filed once, named by both bundles.
        #expect(try await imported(try await second(crl5), into: database))
        #expect(try await database.store.bundles().map(\.crlNumber) == [5, 5])
        if let path = (database.store as? SQLiteFilingStore)?.path {
            #expect(try ExternalTool.run("sqlite3", [path, "SELECT COUNT(*) FROM filed_crl"]).stdout == "1\n")
        }
    }

    @Test("a revoked or superseded seal whose certificate the bundle's CRL lacks, and an issued seal on it, are refused naming the esID",
          arguments: FilingStoreKind.allCases)
    func consistentWithSeals(_ kind: FilingStoreKind) async throws {
        let office = try FilingFixture()
        let revoked = try office.issuePersonalSeal()
        let changed = try office.issueUnitSeal()
        let first = try office.export()
        _ = try office.station.revoke(by: office.approver, sealID: revoked.id!, reason: "离职", now: FilingFixture.now)
        let replacement = try office.issue(SealApplication(
            unitName: "北京某某科技发展有限公司", creditCode: FilingFixture.creditCode, template: "special-40", useName: "合同专用章",
            physicalCode: "1101080012346", reason: "印章损坏，变更", replacesSealID: changed.id!))
        let second = try office.export()
        let database = try await kind.open(office.directory, name: "filings")

        // An issued seal listed as revoked.
        let issuedSerial = FiledRevocationRecord.serialHex(try FilingFixture.serial(of: revoked))
        try await expectRefused(try office.submission(try office.bundle(first, crl: try office.crl(1, [try FilingFixture.revoked(revoked, .keyCompromise)]).derEncoded)),
                          into: database) { error in
            error == .issuedSealOnCRL(esID: revoked.esID, serial: issuedSerial, crlNumber: 1, reason: .keyCompromise)
                && error.description.contains("seal \(revoked.esID) is filed as issued")
        }
        let bundle1 = try office.submission(try office.bundle(first, crl: try office.crl(1, []).derEncoded))
        #expect(try await imported(bundle1, into: database))

        let bundle = try office.bundle(second, crl: nil)
        #expect(bundle.seals.first { $0.filing.esID == changed.esID }?.filing.state == "superseded")
        #expect(bundle.seals.contains { $0.filing.esID == replacement.esID })
        let revocation = try FilingFixture.revoked(revoked, .cessationOfOperation), supersession = try FilingFixture.revoked(changed, .superseded)
        // The revoked seal missing.
        try await expectRefused(try office.submission(try office.bundle(second, crl: try office.crl(2, [supersession]).derEncoded, after: bundle1.sm3)), into: database) { error in
            error == .revokedSealNotOnCRL(esID: revoked.esID, state: "revoked", serial: issuedSerial, crlNumber: 2)
                && error.description.contains("seal \(revoked.esID) is filed as revoked")
        }
        // The superseded seal missing.
        try await expectRefused(try office.submission(try office.bundle(second, crl: try office.crl(2, [revocation]).derEncoded, after: bundle1.sm3)), into: database) { error in
            guard case .revokedSealNotOnCRL(let esID, let state, _, 2) = error else { return false }
            return esID == changed.esID && state == "superseded"
        }
        #expect(try await imported(try await office.submission(try await office.bundle(second, crl: try await office.crl(2, [revocation, supersession]).derEncoded, after: bundle1.sm3)), into: database))
    }

    @Test("bundles without a CRL still import (status: no CRL) until the station files one; then a bundle without one is refused",
          arguments: FilingStoreKind.allCases)
    func formatRollBack(_ kind: FilingStoreKind) async throws {
        let office = try FilingFixture()
        let seal = try office.issuePersonalSeal()
        let first = try office.export()
        _ = try office.station.revoke(by: office.approver, sealID: seal.id!, reason: "离职", now: FilingFixture.now)
        let second = try office.export()
        _ = try office.issuePersonalSeal(holder: "李四")
        let third = try office.export()
        _ = try office.issuePersonalSeal(holder: "王五")
        let fourth = try office.export()
        let database = try await kind.open(office.directory, name: "filings")

        // Bundles as a station from before CRLs exported them (no data/crl/): the revocation comes from revocations.json alone.
        let bundle1 = try office.submission(try office.bundle(first, crl: nil))
        #expect(try await imported(bundle1, into: database))
        let bundle2 = try office.submission(try office.bundle(second, crl: nil, after: bundle1.sm3))
        #expect(try await imported(bundle2, into: database))
        let filed = try #require(try await database.store.filedSeals(esID: seal.esID).first)
        #expect(filed.state == "revoked" && filed.revokedAt == FilingFixture.now)
        #expect(try await database.store.revocationStatus(of: filed) == .noCRL)
        #expect(try await database.store.bundles().map(\.crlNumber) == [nil, nil])

        // The station's first CRL lists the earlier revocation.
        let crl = try office.crl(1, [try FilingFixture.revoked(seal, .cessationOfOperation)])
        let bundle3 = try office.submission(try office.bundle(third, crl: crl.derEncoded, after: bundle2.sm3))
        #expect(try await imported(bundle3, into: database))
        guard case .revoked(let entry, _) = try await database.store.revocationStatus(of: filed) else {
            Issue.record("not revoked")
            return
        }
        #expect(entry.reason == .cessationOfOperation)

        // A bundle without a CRL after it: a roll-back of the format.
        try await expectRefused(try office.submission(try office.bundle(fourth, crl: nil, after: bundle3.sm3)), into: database) { error in
            error == .crlMissing(lastCRL: 1, lastBundle: 3) && error.description.contains("carries no CRL")
        }
    }

    @Test("a CRL the station CA did not sign, with a changed byte, or unreadable is never filed", arguments: FilingStoreKind.allCases)
    func notTheStations(_ kind: FilingStoreKind) async throws {
        let office = try FilingFixture()
        _ = try office.issuePersonalSeal()
        let first = try office.export()
        let database = try await kind.open(office.directory, name: "filings")
        let genuine = try office.crl(1, [])

        // Another CA with the same name, and a CRL it signed.
        let foreign = try StationCA.create(
            in: office.directory.url.appendingPathComponent("foreign-ca"), subject: office.station.ca.certificate.subject,
            passphrase: FilingFixture.secret("foreign"), encryption: FilingFixture.encryption, now: FilingFixture.now)
        let forged = try CertificateRevocationList.issue(
            issuer: foreign.certificate, signer: try foreign.unlockKey(passphrase: FilingFixture.secret("foreign")), number: [1],
            thisUpdate: FilingFixture.now, nextUpdate: FilingFixture.now.addingTimeInterval(86_400), entries: [])
        try await expectRefused(try office.submission(try office.bundle(first, crl: forged.derEncoded)), into: database) { error in
            guard case .crlNotByStation(let reason) = error else { return false }
            return reason.contains("name or key identifier differ") || reason.contains("does not verify")
        }
        // The genuine CRL with its last byte (in the signature) changed.
        var flipped = genuine.derEncoded
        flipped[flipped.count - 1] ^= 0x01
        try await expectRefused(try office.submission(try office.bundle(first, crl: flipped)), into: database) { error in
            guard case .crlNotByStation(let reason) = error else { return false }
            return reason.contains("does not verify")
        }
        try await expectRefused(try office.submission(try office.bundle(first, crl: Array(genuine.derEncoded.dropLast(3)))), into: database) { error in
            guard case .invalidCRL = error else { return false }
            return error.description.contains("data/crl/station-ca.crl")
        }
        #expect(try await imported(try await office.submission(try await office.bundle(first, crl: genuine.derEncoded)), into: database))
    }

    @Test("a late bundle (--accept-gap) is checked against the CRL of the bundle after it", arguments: FilingStoreKind.allCases)
    func lateBundle(_ kind: FilingStoreKind) async throws {
        let office = try FilingFixture()
        let seal = try office.issuePersonalSeal()
        let first = try office.export()
        _ = try office.station.revoke(by: office.approver, sealID: seal.id!, reason: "离职", now: FilingFixture.now)
        let second = try office.export()
        _ = try office.issuePersonalSeal(holder: "李四")
        let third = try office.export()
        let database = try await kind.open(office.directory, name: "filings")
        let revocation = try FilingFixture.revoked(seal, .cessationOfOperation)
        let bundle1 = try office.submission(try office.bundle(first, crl: try office.crl(1, []).derEncoded))
        #expect(try await imported(bundle1, into: database))
        let late2 = try office.submission(try office.bundle(second, crl: try office.crl(2, [revocation]).derEncoded, after: bundle1.sm3))
        #expect(try await imported(try await office.submission(try await office.bundle(third, crl: try await office.crl(3, [revocation]).derEncoded, after: late2.sm3)), into: database, acceptGap: true))
        // Bundle 2 arrives late with a CRL newer than bundle 3's: refused.
        try await expectRefused(try office.submission(try office.bundle(second, crl: try office.crl(4, [revocation]).derEncoded, after: bundle1.sm3)), into: database, acceptGap: true) { error in
            error == .crlNewerThanLaterBundle(number: 4, laterCRL: 3)
        }
        // With CRL 2, between its neighbours: taken.
        let filled = try await BundleImporter(store: database.store, acceptGap: true).importBundle(late2, now: FilingFixture.now)
        #expect(filled.status == .imported && filled.anomaly?.contains("it fits between the bundles imported around it") == true, "\(filled.anomaly ?? "")")
        #expect(try await database.store.bundles().map(\.crlNumber) == [1, 2, 3])
        #expect(try await database.store.latestCRL(stationID: office.station.stationID)?.number == 3)
    }
}
