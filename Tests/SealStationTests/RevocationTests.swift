import Foundation
import SealAudit
@testable import SealBundle
import SealCrypto
import SealFiling
import SealPKI
import SealRegistry
import SealSES
import SealStation
import SealTestSupport
import Testing

/// The station side of CRLs: 注销 and 变更 put holder certificates on the station CA's CRL, `issueCRL` and every export
/// issue one (numbered, audited), and a maker renewal revokes the maker certificate.
@Suite("Revocation: CRLs of the station CA and maker renewal")
struct RevocationTests {
    static let stationPassphrase = OfficeFixture.secret("station passphrase")
    static let later = OfficeFixture.now.addingTimeInterval(3600)

    func holder(_ seal: SealRecord) throws -> Certificate { try Certificate(derEncoded: Array(seal.holderCertificate)) }

    func export(_ office: OfficeFixture, station: Station? = nil, now: Date = OfficeFixture.now) throws -> BundleExport {
        try (station ?? office.station).exportBundle(
            by: office.clerk, to: office.directory.url.appendingPathComponent("courier"), stationPassphrase: Self.stationPassphrase, now: now)
    }

    func reopen(_ office: OfficeFixture) throws -> Station {
        try Station.open(databasePath: office.station.database.path, templates: office.station.templates, vendorProfiles: office.station.vendorProfiles)
    }

    @Test("a CRL after 注销 lists the holder certificate as cessationOfOperation; after 变更 the old one as superseded; invalidityDate carried; numbers increase; each audited")
    func crlEntries() async throws {
        let office = try OfficeFixture()
        let revoked = try office.issuedSeal()
        _ = try office.station.revoke(by: office.approver, sealID: revoked.id!, reason: "单位注销", now: Self.later)
        let first = try office.station.issueCRL(by: office.admin, stationPassphrase: Self.stationPassphrase, now: Self.later)
        #expect(first.numberValue == 1 && first.entries.count == 1)
        #expect(first.entries[0].serialNumber == (try holder(revoked)).serialNumber)
        #expect(first.entries[0].reason == .cessationOfOperation && first.entries[0].revocationDate == Self.later)
        #expect(try first.isSignatureValid(under: office.station.ca.certificate.publicKey) && first.isIssued(byNameOf: office.station.ca.certificate))
        #expect(first.authorityKeyIdentifier == office.station.ca.certificate.subjectKeyIdentifier)
        #expect(first.nextUpdate == Self.later.addingTimeInterval(7 * 86_400))

        // 变更: the replaced seal's certificate goes on the next CRL as superseded, at the new seal's issue.
        let changed = try office.issuedSeal()
        var change = OfficeFixture.unitApplication
        change.replacesSealID = changed.id
        change.reason = "印章磨损更换"
        let application = try office.station.apply(by: office.clerk, change, now: Self.later)
        _ = try office.station.approve(by: office.approver, applicationID: application.id!, note: nil, now: Self.later)
        let changeTime = Self.later.addingTimeInterval(60)
        _ = try office.station.issue(
            by: office.clerk, applicationID: application.id!, stationPassphrase: Self.stationPassphrase,
            holderPassphrase: OfficeFixture.secret("holder passphrase"), keyEncryption: OfficeFixture.encryption, now: changeTime)
        // A key compromise with the time the officer gives.
        let compromised = try office.issuedSeal()
        let exposed = Self.later.addingTimeInterval(-86_400)
        _ = try office.station.revoke(by: office.approver, sealID: compromised.id!, reason: "私钥泄露", crlReason: .keyCompromise,
                                      invalidityDate: exposed, now: changeTime)

        let second = try office.station.issueCRL(by: office.admin, stationPassphrase: Self.stationPassphrase, nextUpdateDays: 30, now: changeTime)
        #expect(second.numberValue == 2 && second.entries.count == 3)
        let superseded = try #require(second.entry(for: try holder(changed)))
        #expect(superseded.reason == .superseded && superseded.revocationDate == changeTime)
        let keyCompromise = try #require(second.entry(for: try holder(compromised)))
        #expect(keyCompromise.reason == .keyCompromise && keyCompromise.invalidityDate == exposed)
        #expect(second.entry(for: try holder(revoked))?.reason == .cessationOfOperation)
        #expect(second.nextUpdate == changeTime.addingTimeInterval(30 * 86_400))

        let records = try office.station.crls()
        #expect(records.map(\.number) == [1, 2] && records.map(\.entries) == [1, 3])
        #expect(records.map(\.sm3) == [Hex.encode(first.fingerprint), Hex.encode(second.fingerprint)])
        #expect(records[1].der == Data(second.derEncoded) && records[1].officer == office.admin.name)
        let audited = try office.station.auditRecords(since: 1, limit: 10_000).filter { $0.auditAction == .crlIssue }
        #expect(audited.map(\.object) == ["crl:1", "crl:2"])
        #expect(audited[1].detailValues?["sm3"] == Hex.encode(second.fingerprint) && audited[1].detailValues?["entries"] == "3")
        #expect(audited[1].detailValues?["nextUpdate"] == AuditTime.string(changeTime.addingTimeInterval(30 * 86_400)))
        let revokeRecord = try office.station.auditRecords(since: 1, limit: 10_000).last { $0.auditAction == .sealRevoke }
        #expect(revokeRecord?.detailValues?["crlReason"] == "keyCompromise")
        let audit = try office.station.verifyAudit()
        #expect(audit.isValid, "\(audit.problems)")
    }

    @Test("refused: a hold or removeFromCRL for 注销, an invalidity date after the revocation, a window outside 1…366 days, a CRL by a non-administrator")
    func refusals() async throws {
        let office = try OfficeFixture()
        let seal = try office.issuedSeal()
        for reason in [CRLReason.certificateHold, .removeFromCRL, .cACompromise] {
            #expect(throws: RegistryError.self) {
                try office.station.revoke(by: office.approver, sealID: seal.id!, reason: "x", crlReason: reason, now: Self.later)
            }
        }
        #expect(throws: RegistryError.self) {
            try office.station.revoke(by: office.approver, sealID: seal.id!, reason: "x", invalidityDate: Self.later.addingTimeInterval(1), now: Self.later)
        }
        #expect(try office.station.revocations().isEmpty && office.station.database.seal(seal.id!).state == .issued)
        for days in [0, 367] {
            #expect(throws: RegistryError.self) {
                try office.station.issueCRL(by: office.admin, stationPassphrase: Self.stationPassphrase, nextUpdateDays: days, now: Self.later)
            }
        }
        #expect(throws: RegistryError.self) { try office.station.issueCRL(by: office.clerk, stationPassphrase: Self.stationPassphrase, now: Self.later) }
        #expect(throws: (any Error).self) {
            try office.station.issueCRL(by: office.admin, stationPassphrase: OfficeFixture.secret("wrong passphrase"), now: Self.later)
        }
        #expect(try office.station.crls().isEmpty)
        // An empty CRL (nothing revoked) is a valid CRL.
        let empty = try office.station.issueCRL(by: office.admin, stationPassphrase: Self.stationPassphrase, now: Self.later)
        #expect(empty.entries.isEmpty && empty.numberValue == 1)
    }

    @Test("an export carries a fresh CRL at data/crl/station-ca.crl, numbered after the last, audited; the bundle verifies; its CRL does not make another export due")
    func exportCarriesCRL() async throws {
        let office = try OfficeFixture()
        let seal = try office.issuedSeal()
        _ = try office.station.revoke(by: office.approver, sealID: seal.id!, reason: "单位注销", now: OfficeFixture.now)
        _ = try office.station.issueCRL(by: office.admin, stationPassphrase: Self.stationPassphrase, now: OfficeFixture.now)
        let exported = try export(office)
        #expect(exported.crlNumber == 2 && exported.crlEntries == 1)
        let bundle = try FilingBundle(files: BundleArchive.read(URL(fileURLWithPath: exported.path)))
        let crl = try CertificateRevocationList(derEncoded: try #require(bundle.crl))
        let serial = try holder(seal).serialNumber
        #expect(crl.numberValue == 2 && crl.entries.map(\.serialNumber) == [serial])
        #expect(crl.entries.first?.reason == .cessationOfOperation)
        #expect(try crl.isSignatureValid(under: office.station.ca.certificate.publicKey))
        #expect(try office.station.crls().last?.sm3 == Hex.encode(crl.fingerprint))
        let outcome = BundleVerifier(anchor: office.station.ca.certificate).verify(URL(fileURLWithPath: exported.path))
        #expect(outcome.report.isValid, "\(outcome.report.firstFailure ?? "")")
        // The export's own records (bundle.export, crl.issue, checkpoint) do not make a bundle.
        let after = try office.station.auditRecords(since: exported.auditLastSeq + 1)
        #expect(after.map(\.action).prefix(2) == ["bundle.export", "crl.issue"])
        #expect(throws: FilingBundleError.nothingToExport(lastSeq: exported.auditLastSeq)) { try export(office) }
        #expect(try office.station.verifyAudit().isValid)

        // The next bundle carries the first one's CRL record in its period, and verifies.
        _ = try office.issuedSeal()
        let next = try export(office)
        #expect(next.crlNumber == 3)
        let nextOutcome = BundleVerifier(anchor: office.station.ca.certificate).verify(URL(fileURLWithPath: next.path))
        #expect(nextOutcome.report.isValid, "\(nextOutcome.report.firstFailure ?? "")")
        #expect(try FilingBundle(files: BundleArchive.read(URL(fileURLWithPath: next.path))).auditRecords.contains { $0.action == "crl.issue" })
    }

    @Test("maker renewal: the new certificate chains to the CA, the old is on the CRL (keyCompromise) and kept; new seals are made by the new maker; an old-maker seal revoked later exports and verifies; backups carry the kept certificate")
    func makerRenewal() async throws {
        let office = try OfficeFixture()
        let old = try office.issuedSeal()
        let before = try export(office)
        let oldMaker = office.station.makerCertificate
        let exposed = OfficeFixture.now.addingTimeInterval(-3600)
        let renewal = try office.station.renewMaker(
            by: office.admin, stationPassphrase: Self.stationPassphrase, invalidityDate: exposed, keyEncryption: OfficeFixture.encryption,
            now: Self.later)
        #expect(renewal.oldCertificateSM3 == Hex.encode(oldMaker.fingerprint) && renewal.reason == "keyCompromise")
        #expect(FileManager.default.fileExists(atPath: office.directory.path("station/maker/maker-cert-\(Hex.encode(oldMaker.serialNumber)).der")))
        #expect(!FileManager.default.fileExists(atPath: office.directory.path("station/maker/.renewal")))
        // Refused on the old instance until it is reopened.
        #expect(throws: RegistryError.self) {
            try office.station.renewMaker(by: office.admin, stationPassphrase: Self.stationPassphrase, now: Self.later)
        }

        let station = try reopen(office)
        let maker = station.makerCertificate
        #expect(maker != oldMaker && maker.subject == oldMaker.subject && Hex.encode(maker.fingerprint) == renewal.newCertificateSM3)
        let chain = CertificateChainVerifier(trustAnchors: [station.ca.certificate], cache: nil).verify(maker, at: Self.later)
        #expect(chain.isValid, "\(chain.problems)")
        // The new key unlocks against the new certificate.
        _ = try station.unlockIssuingKeys(stationPassphrase: Self.stationPassphrase)
        let rows = try station.revocations()
        #expect(rows.count == 1 && rows[0].role == .maker && rows[0].sealID == nil && rows[0].reasonCode == .keyCompromise)
        #expect(rows[0].invalidityDate == exposed && rows[0].serialNumber == Hex.encode(oldMaker.serialNumber))
        let renewRecord = try station.auditRecords(since: 1, limit: 10_000).last { $0.auditAction == .makerRenew }
        #expect(renewRecord?.detailValues?["newCertificateSM3"] == renewal.newCertificateSM3 && renewRecord?.detailValues?["reason"] == "keyCompromise")

        // New seals are made by the new maker; the old seal (old maker) is revoked after the renewal.
        let application = try station.apply(by: office.clerk, OfficeFixture.unitApplication, now: Self.later)
        _ = try station.approve(by: office.approver, applicationID: application.id!, note: nil, now: Self.later)
        let fresh = try station.issue(
            by: office.clerk, applicationID: application.id!, stationPassphrase: Self.stationPassphrase,
            holderPassphrase: OfficeFixture.secret("holder passphrase"), keyEncryption: OfficeFixture.encryption, now: Self.later)
        #expect(try ElectronicSeal(derEncoded: Array(fresh.sealDER)).makerCertificate == maker.derEncoded)
        #expect(try ElectronicSeal(derEncoded: Array(old.sealDER)).makerCertificate == oldMaker.derEncoded)
        _ = try station.revoke(by: office.approver, sealID: old.id!, reason: "制章人密钥泄露后注销", crlReason: .keyCompromise, now: Self.later)
        let exported = try export(office, station: station, now: Self.later)
        let bundle = try FilingBundle(files: BundleArchive.read(URL(fileURLWithPath: exported.path)))
        #expect(bundle.makerCertificate == maker.derEncoded && bundle.seals.count == 2)
        let crl = try CertificateRevocationList(derEncoded: try #require(bundle.crl))
        let oldHolder = try holder(old)
        #expect(crl.entry(for: oldMaker)?.reason == .keyCompromise && crl.entry(for: oldHolder)?.reason == .keyCompromise)
        let outcome = BundleVerifier(anchor: station.ca.certificate).verify(URL(fileURLWithPath: exported.path))
        #expect(outcome.report.isValid, "\(outcome.report.firstFailure ?? "")")
        #expect(try station.verifyAudit().isValid)

        // The online side imports both bundles, the one before the renewal and the one after (new maker, new actions).
        let online = try SQLiteFilingStore(path: office.directory.path("online.sqlite"))
        for path in [before.path, exported.path] {
            let verified = BundleVerifier(anchor: station.ca.certificate).verify(URL(fileURLWithPath: path))
            #expect(try await BundleImporter(store: online).importBundle(verified, now: Self.later).status == .imported)
        }

        // A backup carries the kept certificate and the new maker files; the restored station opens with the new maker.
        let archived = "maker/maker-cert-\(Hex.encode(oldMaker.serialNumber)).der"
        #expect(try station.stationFiles().contains(archived))
        let backup = office.directory.path("station.backup")
        _ = try station.backup(
            by: office.admin, to: backup, caKey: station.ca.unlockKey(passphrase: Self.stationPassphrase),
            keySource: .passphrase(OfficeFixture.secret("backup passphrase"), Scrypt.Parameters(n: 1 << 10, r: 8, p: 1)), now: Self.later)
        let target = office.directory.url.appendingPathComponent("restored")
        _ = try StationBackup.restore(
            try office.directory.read("station.backup"), unlock: .passphrase(OfficeFixture.secret("backup passphrase")), into: target, verifyOnly: false)
        let restored = try Station.open(databasePath: target.appendingPathComponent("registry.sqlite").path, templates: station.templates,
                                        vendorProfiles: station.vendorProfiles)
        #expect(restored.makerCertificate == maker)
        #expect(try office.directory.read("restored/\(archived)") == oldMaker.derEncoded)
        _ = try restored.unlockIssuingKeys(stationPassphrase: Self.stationPassphrase)
        #expect(try restored.revocations().map(\.role) == [.maker, .holder])
    }

    @Test("a maker certificate not issued by the station CA still fails the bundle's seal check")
    func foreignMakerRefused() async throws {
        let other = try StationFixture()
        let (_, foreign) = try other.issue(.maker, "/C=CN/O=某市公安局/CN=测试站 制章人")
        let office = try OfficeFixture()
        #expect(BundleVerifier.isEarlierMaker(foreign.derEncoded, station: office.station.ca.certificate) == false)
        #expect(BundleVerifier.isEarlierMaker(office.station.makerCertificate.derEncoded, station: office.station.ca.certificate))
        #expect(BundleVerifier.isEarlierMaker([0x30, 0x00], station: office.station.ca.certificate) == false)
    }

    @Test("a renewal killed before it was recorded leaves maker/.renewal, which the next open removes; the old maker stays")
    func unrecordedRenewalUndone() async throws {
        let office = try OfficeFixture()
        let renewal = office.directory.url.appendingPathComponent("station/maker/.renewal")
        try ProtectedFile.createDirectory(renewal.path)
        let (_, stray) = try StationFixture().issue(.maker, "/CN=stray")
        try ProtectedFile.write(stray.derEncoded, to: renewal.appendingPathComponent("maker-cert.der").path, mode: ProtectedFile.secretMode)
        try ProtectedFile.write([1, 2, 3], to: renewal.appendingPathComponent("maker-key.p8").path, mode: ProtectedFile.secretMode)
        let station = try reopen(office)
        #expect(!FileManager.default.fileExists(atPath: renewal.path))
        #expect(station.makerCertificate == office.station.makerCertificate)
        _ = try station.unlockIssuingKeys(stationPassphrase: Self.stationPassphrase)
    }

    @Test("a renewal killed after it was recorded (files still in maker/.renewal) is finished by the next open")
    func recordedRenewalFinished() async throws {
        let office = try OfficeFixture()
        let oldMaker = office.station.makerCertificate
        let renewal = try office.station.renewMaker(by: office.admin, stationPassphrase: Self.stationPassphrase,
                                                    keyEncryption: OfficeFixture.encryption, now: Self.later)
        // Put the new files back where a killed run would have left them, and the old certificate in place.
        let maker = office.directory.url.appendingPathComponent("station/maker")
        let staging = maker.appendingPathComponent(".renewal")
        try ProtectedFile.createDirectory(staging.path)
        for name in ["maker-key.p8", "maker-cert.der"] {
            try FileManager.default.moveItem(at: maker.appendingPathComponent(name), to: staging.appendingPathComponent(name))
        }
        try ProtectedFile.write(oldMaker.derEncoded, to: maker.appendingPathComponent("maker-cert.der").path, mode: ProtectedFile.secretMode)
        let station = try reopen(office)
        #expect(Hex.encode(station.makerCertificate.fingerprint) == renewal.newCertificateSM3)
        #expect(!FileManager.default.fileExists(atPath: staging.path))
        _ = try station.unlockIssuingKeys(stationPassphrase: Self.stationPassphrase)
    }
}
