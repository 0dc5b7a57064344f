import Foundation
import SealCrypto
import SealPKI
import SealSES
import SealTestSupport
import Testing

/// The signing time against the windows of the signer and the maker certificates (GB/T 38540 §7.3), checked whatever
/// the trust policy: a signature made after either certificate expired is invalid even with no trust check.
@Suite("Signing time inside the certificates' validity")
struct CertificateWindowTests {
    static let document = Array("请示：关于 2026 年度预算的报告\n".utf8)
    static let day: TimeInterval = 86_400

    /// A seal valid for 730 days from `StationFixture.now`, its maker certificate valid `makerDays` and the holder's
    /// `holderDays`, and a signature over ``document`` made `signedAfterDays` days after `now`.
    static func signature(makerDays: Int, holderDays: Int, signedAfterDays: Double) throws -> ElectronicSignature {
        let station = try StationFixture()
        let (makerKey, makerCertificate) = try station.issue(.maker, "/C=CN/O=某市公安局/CN=制章人", days: makerDays)
        let (holderKey, holderCertificate) = try station.issue(.holder, "/C=CN/O=某市某局/CN=公章", days: holderDays)
        let request = SealMakingRequest(
            esID: "11010800000002", type: .unit, name: "某市某局", holders: [holderCertificate], createDate: StationFixture.now,
            validStart: StationFixture.now, validEnd: StationFixture.now.addingTimeInterval(730 * day),
            picture: SealPicture(type: "PNG", data: SealFixture.tinyPNG, widthMM: 42, heightMM: 42))
        let seal = try SealMaker.make(request, makerKey: makerKey, makerCertificate: makerCertificate)
        return try SignatureMaker.sign(
            document: document, documentName: "请示.txt", seal: seal, holderKey: holderKey, holderCertificate: holderCertificate,
            signingTime: StationFixture.now.addingTimeInterval(signedAfterDays * day))
    }

    static func check(_ id: String, of signature: ElectronicSignature) throws -> VerificationReport.Check {
        let report = SignatureVerifier(trust: .noTrustCheck).verify(signature, document: document, fallbackTime: StationFixture.now)
        return try #require(report.checks.first { $0.id == id }, "\(report.checks.map(\.id))")
    }

    @Test("both checks pass when the signing time is inside both certificates, with no trust check")
    func inside() throws {
        let signature = try Self.signature(makerDays: 1000, holderDays: 800, signedAfterDays: 100)
        let report = SignatureVerifier(trust: .noTrustCheck).verify(signature, document: Self.document, fallbackTime: StationFixture.now)
        #expect(report.isValid, "\(report.failures)")
        #expect(try Self.check("signer-certificate-validity", of: signature).status == .passed)
        #expect(try Self.check("maker-certificate-validity", of: signature).status == .passed)
    }

    @Test("signer-certificate-validity fails when the holder certificate expired before the signing time")
    func signerExpired() throws {
        let signature = try Self.signature(makerDays: 1000, holderDays: 100, signedAfterDays: 200)
        let check = try Self.check("signer-certificate-validity", of: signature)
        #expect(check.status == .failed)
        #expect(check.detail.contains("after it expired"), "\(check.detail)")
        #expect(check.detail.contains("CN=公章"), "\(check.detail)")
        #expect(try Self.check("maker-certificate-validity", of: signature).status == .passed)
        let report = SignatureVerifier(trust: .noTrustCheck).verify(signature, document: Self.document, fallbackTime: StationFixture.now)
        #expect(!report.isValid)
    }

    @Test("maker-certificate-validity fails when the maker certificate expired before the signing time (F:zsbk's case)")
    func makerExpired() throws {
        let signature = try Self.signature(makerDays: 100, holderDays: 800, signedAfterDays: 200)
        let check = try Self.check("maker-certificate-validity", of: signature)
        #expect(check.status == .failed)
        #expect(check.detail.contains("signed 2027-"), "\(check.detail)")
        #expect(check.detail.contains("CN=制章人"), "\(check.detail)")
        #expect(!check.detail.contains("the seal was made"), "the creation was inside the window: \(check.detail)")
        #expect(try Self.check("signer-certificate-validity", of: signature).status == .passed)
        let report = SignatureVerifier(trust: .noTrustCheck).verify(signature, document: Self.document, fallbackTime: StationFixture.now)
        #expect(!report.isValid)
        #expect(report.failures.map(\.id) == ["maker-certificate-validity"])
    }

    @Test("with a trust anchor the window checks run beside the chain checks")
    func withAnchors() throws {
        let other = try StationFixture()
        let signature = try Self.signature(makerDays: 100, holderDays: 800, signedAfterDays: 200)
        // Anchored to another station's CA: the chains fail, and the window check still names the maker's expiry.
        let report = SignatureVerifier(trust: .anchors([other.ca.certificate])).verify(
            signature, document: Self.document, fallbackTime: StationFixture.now)
        #expect(report.checks.first { $0.id == "maker-certificate-validity" }?.status == .failed)
        #expect(report.checks.first { $0.id == "signer-certificate-validity" }?.status == .passed)
    }
}
