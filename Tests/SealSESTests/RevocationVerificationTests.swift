import Foundation
import SealCrypto
import SealPKI
import SealSES
import SealTestSupport
import Testing

@Suite("Seals and signatures verified against the station CA's CRLs")
struct RevocationVerificationTests {
    static let document = Array("合同第 2026-002 号（全文）\n".utf8)
    /// The 注销: ten days after the fixture's seal was made.
    static let revokedAt = StationFixture.now.addingTimeInterval(10 * 86_400)
    static let before = revokedAt.addingTimeInterval(-86_400), after = revokedAt.addingTimeInterval(86_400)
    /// "Now" for staleness: two days after the CRL, inside its seven days.
    static let checkedAt = revokedAt.addingTimeInterval(2 * 86_400)

    func crl(_ fixture: SealFixture, _ entries: [RevokedCertificate], number: Int = 1, thisUpdate: Date = revokedAt,
             days: Double = 7) throws -> CertificateRevocationList {
        try CertificateRevocationList.issue(
            issuer: fixture.station.ca.certificate, signer: fixture.station.caKey, number: [UInt8(number)], thisUpdate: thisUpdate,
            nextUpdate: thisUpdate.addingTimeInterval(days * 86_400), entries: entries)
    }

    func holderEntry(_ fixture: SealFixture, _ reason: CRLReason, invalidity: Date? = nil) -> RevokedCertificate {
        RevokedCertificate(serialNumber: fixture.holderCertificate.serialNumber, revocationDate: Self.revokedAt, reason: reason,
                           invalidityDate: invalidity)
    }

    func signature(_ fixture: SealFixture, at time: Date) throws -> ElectronicSignature {
        try SignatureMaker.sign(
            document: Self.document, documentName: "合同-2026-002.txt", seal: fixture.seal, holderKey: fixture.holderKey,
            holderCertificate: fixture.holderCertificate, signingTime: time)
    }

    func verify(_ fixture: SealFixture, _ signature: ElectronicSignature, crls: [CertificateRevocationList], require: Bool = false,
                now: Date = checkedAt) -> VerificationReport {
        SignatureVerifier(
            trust: .anchors([fixture.station.ca.certificate]),
            revocation: RevocationChecker(crls: crls, requireCRL: require, now: now)
        ).verify(signature, document: Self.document, fallbackTime: now)
    }

    func check(_ report: VerificationReport, _ id: String) -> VerificationReport.Check? { report.checks.first { $0.id == id } }

    @Test("注销: a signature claimed before the revocation is valid and names both times; one claimed after is invalid, with the reason")
    func beforeAndAfterRevocation() throws {
        let fixture = try SealFixture()
        let list = try crl(fixture, [holderEntry(fixture, .cessationOfOperation)])
        let early = verify(fixture, try signature(fixture, at: Self.before), crls: [list])
        #expect(early.isValid, "\(early.failures)")
        let earlyCheck = try #require(check(early, "signer-certificate-revocation"))
        #expect(earlyCheck.status == .passed)
        #expect(earlyCheck.detail.contains("cessationOfOperation") && earlyCheck.detail.contains("停止使用（注销）"))
        #expect(earlyCheck.detail.contains(TimeText.iso8601(Self.revokedAt)) && earlyCheck.detail.contains(TimeText.iso8601(Self.before)))
        #expect(earlyCheck.detail.contains("signer's claim"))
        #expect(check(early, "seal.maker-certificate-revocation")?.status == .passed)

        let late = verify(fixture, try signature(fixture, at: Self.after), crls: [list])
        #expect(!late.isValid)
        #expect(late.failures.map(\.id) == ["signer-certificate-revocation"])
        let lateCheck = try #require(check(late, "signer-certificate-revocation"))
        #expect(lateCheck.detail.contains("revoked \(TimeText.iso8601(Self.revokedAt))") && lateCheck.detail.contains("after the revocation"))
        #expect(lateCheck.detail.contains(Hex.encode(fixture.holderCertificate.serialNumber)))
    }

    @Test("a compromised holder key invalidates every signature, whatever time it claims; the invalidity date is named")
    func keyCompromise() throws {
        let fixture = try SealFixture()
        let invalidSince = Self.revokedAt.addingTimeInterval(-5 * 86_400)
        let list = try crl(fixture, [holderEntry(fixture, .keyCompromise, invalidity: invalidSince)])
        for time in [Self.before, Self.after, StationFixture.now.addingTimeInterval(3600)] {
            let report = verify(fixture, try signature(fixture, at: time), crls: [list])
            #expect(report.failures.map(\.id) == ["signer-certificate-revocation"])
            #expect(check(report, "signer-certificate-revocation")!.detail.contains("invalid since \(TimeText.iso8601(invalidSince))"))
        }
    }

    @Test("a seal whose maker certificate was revoked for a compromised key does not verify")
    func makerRevoked() throws {
        let fixture = try SealFixture()
        let list = try crl(fixture, [RevokedCertificate(
            serialNumber: fixture.makerCertificate.serialNumber, revocationDate: Self.revokedAt, reason: .keyCompromise)])
        let sealReport = SealVerifier(
            trust: .anchors([fixture.station.ca.certificate]), revocation: RevocationChecker(crls: [list], now: Self.checkedAt)
        ).verify(fixture.seal, at: Self.checkedAt)
        #expect(sealReport.failures.map(\.id) == ["maker-certificate-revocation"])
        #expect(sealReport.failures[0].detail.contains("keyCompromise"))
        let signed = verify(fixture, try signature(fixture, at: Self.before), crls: [list])
        #expect(signed.failures.map(\.id) == ["seal.maker-certificate-revocation"])
    }

    @Test("seal verify: a seal revoked before the time checked is invalid; checked at a time before, it is valid with both times")
    func sealHolderRevoked() throws {
        let fixture = try SealFixture()
        let checker = RevocationChecker(crls: [try crl(fixture, [holderEntry(fixture, .cessationOfOperation)])], now: Self.checkedAt)
        let verifier = SealVerifier(trust: .anchors([fixture.station.ca.certificate]), revocation: checker)
        let now = verifier.verify(fixture.seal, at: Self.checkedAt)
        #expect(now.failures.map(\.id) == ["holder-revocation"])
        let then = verifier.verify(fixture.seal, at: Self.before)
        #expect(then.isValid, "\(then.failures)")
        #expect(check(then, "holder-revocation")!.detail.contains(TimeText.iso8601(Self.before)))
    }

    @Test("a stale CRL is reported, not trusted: skipped without --require-crl, a failure with it; a revocation on it still stands")
    func staleCRL() throws {
        let fixture = try SealFixture()
        let empty = try crl(fixture, [], thisUpdate: Self.revokedAt, days: 1)
        let stale = Self.revokedAt.addingTimeInterval(3 * 86_400)
        let signed = try signature(fixture, at: Self.after)
        let lenient = verify(fixture, signed, crls: [empty], now: stale)
        #expect(lenient.isValid)
        #expect(check(lenient, "signer-certificate-revocation")?.status == .skipped)
        #expect(check(lenient, "signer-certificate-revocation")!.detail.contains("stale"))
        let strict = verify(fixture, signed, crls: [empty], require: true, now: stale)
        #expect(strict.failures.map(\.id).contains("signer-certificate-revocation"))
        let revokedStale = verify(fixture, signed, crls: [try crl(fixture, [holderEntry(fixture, .cessationOfOperation)], days: 1)], now: stale)
        #expect(revokedStale.failures.map(\.id) == ["signer-certificate-revocation"])
    }

    @Test("a CRL by another CA with the same name is refused; no CRL at all fails only with --require-crl")
    func foreignAndMissing() throws {
        let fixture = try SealFixture(), other = try SealFixture()
        // The other fixture's CA has the same subject name: its CRL names our CA as issuer but its signature is not our CA's.
        let forged = try CertificateRevocationList.issue(
            issuer: other.station.ca.certificate, signer: other.station.caKey, number: [1], thisUpdate: Self.revokedAt,
            nextUpdate: Self.revokedAt.addingTimeInterval(7 * 86_400), entries: [])
        #expect(forged.issuerNameDER == fixture.station.ca.certificate.subjectNameDER)
        let signed = try signature(fixture, at: Self.after)
        let report = verify(fixture, signed, crls: [forged], require: true)
        let refused = try #require(check(report, "signer-certificate-revocation"))
        #expect(refused.status == .failed && refused.detail.contains("refused"))
        let none = verify(fixture, signed, crls: [], require: true)
        #expect(none.failures.map(\.id).sorted() == ["seal.maker-certificate-revocation", "signer-certificate-revocation"])
        #expect(verify(fixture, signed, crls: []).isValid)
    }

    @Test("a hold is released by a newer CRL that no longer lists it")
    func holdReleased() throws {
        let fixture = try SealFixture()
        let onHold = try crl(fixture, [holderEntry(fixture, .certificateHold)], number: 1, thisUpdate: Self.revokedAt)
        let released = try crl(fixture, [], number: 2, thisUpdate: Self.revokedAt.addingTimeInterval(86_400))
        let signed = try signature(fixture, at: Self.after)
        #expect(!verify(fixture, signed, crls: [onHold]).isValid)
        #expect(verify(fixture, signed, crls: [onHold, released]).isValid)
    }
}
