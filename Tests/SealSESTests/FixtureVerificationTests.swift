import Foundation
import SealASN1
import SealCrypto
import SealSES
import SealTestSupport
import Testing

/// Seals and signatures made by other systems (../shared/fixtures/ses, README there): what each must give.
@Suite("Verifying seals and signatures made by other systems")
struct FixtureVerificationTests {
    let verifier = SealVerifier(trust: .noTrustCheck)

    func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    func status(_ report: VerificationReport, _ id: String) -> VerificationReport.Check.Status? {
        report.checks.first { $0.id == id }?.status
    }

    @Test("UserV4.esl (ofdrw v4) verifies inside its validity, with no trust check")
    func userV4() throws {
        let seal = try ElectronicSeal(derEncoded: SharedFixtures.ses("UserV4.esl"))
        #expect(seal.version == .v4)
        let at = seal.validStart.addingTimeInterval(86_400)
        let report = verifier.verify(seal, at: at)
        #expect(report.isValid, "\(report.failures)")
        #expect(status(report, "maker-signature") == .passed)
        #expect(status(report, "maker-certificate") == .skipped)
        #expect(report.deviations.isEmpty)
        // Outside its validity the same seal fails, naming the validity check only.
        let late = verifier.verify(seal, at: seal.validEnd.addingTimeInterval(1))
        #expect(late.failures.map(\.id) == ["validity"])
    }

    @Test("UserV1.esl (ofdrw v1) verifies over SEQUENCE{esealInfo, cert, algorithm}")
    func userV1() throws {
        let seal = try ElectronicSeal(derEncoded: SharedFixtures.ses("UserV1.esl"))
        #expect(seal.version == .v1)
        let report = verifier.verify(seal, at: seal.validStart.addingTimeInterval(60))
        #expect(report.isValid, "\(report.failures)")
        #expect(status(report, "maker-signature") == .passed)
    }

    @Test("SESealData.DER (Hebei Gede) is rejected as a bad maker signature, and its deviations are named")
    func gedeKnownBad() throws {
        let seal = try ElectronicSeal(derEncoded: SharedFixtures.ses("SESealData.DER"))
        let report = verifier.verify(seal, at: seal.validStart.addingTimeInterval(60))
        #expect(!report.isValid)
        #expect(report.failures.map(\.id) == ["maker-signature"])
        #expect(report.failures.first?.detail.contains("does not verify") == true)
        #expect(report.deviations.contains { $0.detail.contains("critical FALSE") })
    }

    @Test("the three SES_Signature files parse; signer and embedded seal signatures verify", arguments: [
        "SignedValueV4.dat", "keyword.ofd__Sign_1__SignedValue.dat", "1.ofd__Sign_0__SignedValue.dat",
    ])
    func signatures(name: String) throws {
        let signature = try ElectronicSignature(derEncoded: SharedFixtures.ses(name))
        let report = SignatureVerifier(trust: .noTrustCheck).verify(signature, document: nil, fallbackTime: Date())
        #expect(status(report, "signer-signature") == .passed, "\(report.failures)")
        #expect(status(report, "seal.maker-signature") == .passed, "\(report.failures)")
        #expect(status(report, "signer-is-holder") == .passed)
        #expect(status(report, "signing-time") == .passed)
        #expect(status(report, "data-hash") == .skipped)
        #expect(report.isValid, "\(report.failures)")
    }

    @Test("the Shandong raw r‖s signature verifies with a reported deviation")
    func rawSignatureDeviation() throws {
        let signature = try ElectronicSignature(derEncoded: SharedFixtures.ses("keyword.ofd__Sign_1__SignedValue.dat"))
        let report = SignatureVerifier(trust: .noTrustCheck).verify(signature, document: nil, fallbackTime: Date())
        #expect(report.isValid)
        #expect(report.deviations.contains { $0.field == "signer signature value" && $0.detail.contains("raw 64-byte r‖s") })
    }

    @Test("SignedValueV4.dat carries ofdrw's mock data hash: any real document fails the hash check")
    func mockDataHash() throws {
        let signature = try ElectronicSignature(derEncoded: SharedFixtures.ses("SignedValueV4.dat"))
        #expect(signature.dataHash == [UInt8](repeating: 0, count: 32))
        #expect(signature.documentName == "/Doc_0/Signs/Sign_0/Signature.xml")
        let report = SignatureVerifier(trust: .noTrustCheck).verify(signature, document: Array("x".utf8), fallbackTime: Date())
        #expect(report.failures.map(\.id) == ["data-hash"])
    }
}
