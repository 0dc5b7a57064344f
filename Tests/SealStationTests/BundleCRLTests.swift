import Foundation
import SealBundle
import SealCrypto
import SealPKI
import SealRegistry
import SealSES
import SealStation
import SealTestSupport
import Testing

@Suite("The CRL a filing bundle carries, and the seal maker looked up on CRLs")
struct BundleCRLTests {
    static let stationPassphrase = FilingBundleTests.stationPassphrase

    /// An office with one personal seal issued and revoked, its bundle exported and parsed, and the station's keys.
    struct Revoked {
        var office: OfficeFixture
        var bundle: FilingBundle
        var holder: Certificate
        var caKey: PrivateKey
        var makerKey: PrivateKey
    }

    func revoked() throws -> Revoked {
        let office = try OfficeFixture()
        let tests = FilingBundleTests()
        let seal = try tests.issuePersonalSeal(office)
        _ = try office.station.revoke(by: office.approver, sealID: seal.id!, reason: "法定代表人变更", now: OfficeFixture.now.addingTimeInterval(60))
        let exported = try tests.export(office, now: OfficeFixture.now.addingTimeInterval(120))
        let bundle = try #require(tests.verifier(office).verify(URL(fileURLWithPath: exported.path)).bundle)
        let caKey = try office.station.ca.unlockKey(passphrase: Self.stationPassphrase)
        let makerKey = try KeyFile.unlock(
            office.station.directory.appendingPathComponent("maker/maker-key.p8").path, passphrase: Self.stationPassphrase,
            certificate: office.station.makerCertificate, role: "seal-maker")
        return Revoked(office: office, bundle: bundle, holder: try Certificate(derEncoded: Array(seal.holderCertificate)), caKey: caKey, makerKey: makerKey)
    }

    func crl(_ fixture: Revoked, _ entries: [RevokedCertificate], issuer: Certificate? = nil, signer: PrivateKey? = nil) throws -> [UInt8] {
        try CertificateRevocationList.issue(
            issuer: issuer ?? fixture.office.station.ca.certificate, signer: signer ?? fixture.caKey, number: [9],
            thisUpdate: fixture.bundle.info.created, nextUpdate: fixture.bundle.info.created.addingTimeInterval(7 * 86_400), entries: entries
        ).derEncoded
    }

    /// The bundle with `crl` instead of its own, re-signed by the station's maker.
    func verify(_ fixture: Revoked, crl: [UInt8]?, revocation: RevocationChecker? = nil) throws -> BundleVerificationReport {
        var bundle = fixture.bundle
        bundle.crl = crl
        let files = try bundle.signedFiles(
            signer: fixture.makerKey, certificate: fixture.office.station.makerCertificate, chain: [fixture.office.station.ca.certificate],
            signingTime: bundle.info.created)
        return BundleVerifier(anchor: fixture.office.station.ca.certificate, revocation: revocation)
            .verify(data: try BundleArchive.archive(files), name: "with-crl").report
    }

    func check(_ report: BundleVerificationReport, _ id: String) -> (status: String, detail: String)? {
        report.checks.first { $0.id == id }.map { ($0.status.rawValue, $0.detail) }
    }

    @Test("a CRL listing the revoked seal's holder certificate passes; one that leaves it out, or revokes the maker, fails naming why")
    func consistency() throws {
        let fixture = try revoked()
        let entry = RevokedCertificate(serialNumber: fixture.holder.serialNumber, revocationDate: OfficeFixture.now.addingTimeInterval(60),
                                       reason: .cessationOfOperation)
        let good = try verify(fixture, crl: try crl(fixture, [entry]))
        #expect(good.isValid, "\(good.firstFailure ?? "")")
        #expect(check(good, "crl")?.status == "passed")
        #expect(check(good, "crl")?.detail.contains("1 revoked") == true, "\(check(good, "crl")?.detail ?? "")")

        let missing = try verify(fixture, crl: try crl(fixture, []))
        #expect(check(missing, "crl")?.status == "failed")
        #expect(check(missing, "crl")?.detail.contains("filed as revoked") == true)
        #expect(check(missing, "crl")?.detail.contains(fixture.bundle.seals[0].filing.esID) == true)

        let makerEntry = RevokedCertificate(
            serialNumber: fixture.office.station.makerCertificate.serialNumber, revocationDate: OfficeFixture.now, reason: .keyCompromise)
        let makerRevoked = try verify(fixture, crl: try crl(fixture, [entry, makerEntry]))
        #expect(check(makerRevoked, "crl")?.status == "failed")
        #expect(check(makerRevoked, "crl")?.detail.contains("keyCompromise") == true)

        let none = try verify(fixture, crl: nil)
        #expect(none.isValid && check(none, "crl")?.status == "skipped")
    }

    @Test("a CRL signed by another CA is refused")
    func foreignCRL() throws {
        let fixture = try revoked()
        let other = try StationFixture()
        let entry = RevokedCertificate(serialNumber: fixture.holder.serialNumber, revocationDate: OfficeFixture.now, reason: .cessationOfOperation)
        let report = try verify(fixture, crl: try crl(fixture, [entry], issuer: other.ca.certificate, signer: other.caKey))
        #expect(check(report, "crl")?.status == "failed")
        #expect(!report.isValid)
    }

    @Test("with --crl: a bundle signed by a maker revoked before it does not verify")
    func makerRevokedByLaterCRL() throws {
        let fixture = try revoked()
        let entry = RevokedCertificate(serialNumber: fixture.holder.serialNumber, revocationDate: OfficeFixture.now.addingTimeInterval(60),
                                       reason: .cessationOfOperation)
        let later = try CertificateRevocationList(derEncoded: try crl(fixture, [entry, RevokedCertificate(
            serialNumber: fixture.office.station.makerCertificate.serialNumber, revocationDate: OfficeFixture.now, reason: .keyCompromise)]))
        let now = fixture.bundle.info.created.addingTimeInterval(3600)
        let report = try verify(fixture, crl: try crl(fixture, [entry]), revocation: RevocationChecker(crls: [later], now: now))
        #expect(check(report, "revocation")?.status == "failed")
        #expect(check(report, "revocation")?.detail.contains("keyCompromise") == true)
        let clean = try verify(fixture, crl: try crl(fixture, [entry]), revocation: RevocationChecker(crls: [], requireCRL: true, now: now))
        #expect(check(clean, "revocation")?.status == "passed", "\(check(clean, "revocation")?.detail ?? "")")
    }
}
