import Foundation
import SealASN1
import SealCrypto
import SealSES
import SealTestSupport
import SwiftASN1
import Testing

/// No v1 signature made to the letter of GM/T 0031-2014 exists among the fixtures, so one is built here around the
/// real v1 seal UserV1.esl: TBS_Sign with timeInfo = BIT STRING of a DER UTCTime (as ofdrw's v1 test writes it),
/// signed over DER(TBS_Sign).
@Suite("GM/T 0031-2014 (v1) signatures")
struct V1SignatureTests {
    @Test("a v1 SES_Signature round-trips, is read by ElectronicSignature and its signer signature verifies")
    func v1Signature() throws {
        let seal = try SESv1.SESeal(derEncoded: parseSESDER(SharedFixtures.ses("UserV1.esl"), structure: "SESeal"))
        let signer = try PrivateKey.generate(.sm2)
        let document = Array("v1 document".utf8)
        let signingTime = Date(timeIntervalSince1970: 1_600_000_000)  // inside UserV1's validity (2020-04 … 2022-04)
        var timeCoder = DER.Serializer()
        try timeCoder.serialize(try SESTime.utcTime(signingTime))
        let toSign = SESv1.TBS_Sign(
            version: 1, eseal: seal, timeInfo: ASN1BitString(bytes: timeCoder.serializedBytes[...], paddingBits: 0),
            dataHash: ASN1BitString(bytes: try SM3.hash(document)[...], paddingBits: 0),
            propertyInfo: ASN1IA5String("v1-document.txt"),
            cert: ASN1OctetString(contentBytes: seal.esealInfo.property.certList.compactMap {
                if case .cert(let c) = $0 { return c.bytes } else { return nil }
            }.first!),
            signatureAlgorithm: ObjectIdentifiers.sm2WithSM3)
        var coder = DER.Serializer()
        try coder.serialize(toSign)
        let toSignBytes = coder.serializedBytes
        let structure = try SESv1.SES_Signature(toSignBytes: toSignBytes, signature: try signer.signature(for: toSignBytes))
        var outer = DER.Serializer()
        try outer.serialize(structure)
        let bytes = outer.serializedBytes

        let reparsed = try SESv1.SES_Signature(derEncoded: DER.parse(bytes))
        #expect(reparsed == structure)
        var again = DER.Serializer()
        try again.serialize(reparsed)
        #expect(again.serializedBytes == bytes)

        let signature = try ElectronicSignature(derEncoded: bytes)
        #expect(signature.version == .v1)
        #expect(signature.signingTime == signingTime)
        #expect(signature.dataHash == (try SM3.hash(document)))
        // The signer certificate is the seal's holder, but the signature was made with a fresh key: the signer
        // signature must fail while the seal and the hash pass.
        let report = SignatureVerifier(trust: .noTrustCheck).verify(signature, document: document, fallbackTime: Date())
        #expect(report.failures.map(\.id) == ["signer-signature"])
        #expect(report.checks.first { $0.id == "seal.maker-signature" }?.status == .passed)
        #expect(report.checks.first { $0.id == "data-hash" }?.status == .passed)
        #expect(report.checks.first { $0.id == "signing-time" }?.status == .passed)
    }
}
