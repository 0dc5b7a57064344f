import Foundation
import SealCrypto
import SealPKI
import SealSES
import SealTestSupport
import Testing

@Suite("Making and verifying v4 signatures over detached documents")
struct SignatureTests {
    static let document = Array("合同第 2026-001 号：甲方与乙方……（全文）\n".utf8)

    func sign(_ fixture: SealFixture, at time: Date = SealFixture.inside) throws -> ElectronicSignature {
        try SignatureMaker.sign(
            document: Self.document, documentName: "合同-2026-001.txt", seal: fixture.seal, holderKey: fixture.holderKey,
            holderCertificate: fixture.holderCertificate, signingTime: time)
    }

    func verifier(_ fixture: SealFixture) -> SignatureVerifier {
        SignatureVerifier(trust: .anchors([fixture.station.ca.certificate]))
    }

    @Test("a signature made here verifies against the document", arguments: KeyAlgorithm.allCases)
    func signAndVerify(holderAlgorithm: KeyAlgorithm) throws {
        let fixture = try SealFixture(holderAlgorithm: holderAlgorithm)
        let signature = try sign(fixture)
        let reread = try ElectronicSignature(derEncoded: signature.derEncoded)
        #expect(reread.signingTime == SealFixture.inside)
        #expect(reread.documentName == "合同-2026-001.txt")
        #expect(reread.propertyInfo.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(reread.dataHash == (try SM3.hash(Self.document)))
        #expect(reread.seal.derEncoded == fixture.seal.derEncoded)
        let report = verifier(fixture).verify(reread, document: Self.document, fallbackTime: Date())
        #expect(report.isValid, "\(report.failures)")
        #expect(report.checks.filter { $0.status != .passed }.isEmpty, "\(report.checks)")
    }

    @Test("the signer signature verifies with the openssl CLI over the exact TBS_Sign bytes")
    func opensslCrossCheck() throws {
        let fixture = try SealFixture()
        let signature = try sign(fixture)
        let directory = fixture.station.directory
        try directory.write("tbs.der", signature.signedMessage)
        try directory.write("sig.der", Array(signature.signatureValue.bytes))
        try directory.write("holder.pem", text: fixture.holderCertificate.publicKey.pemEncoded)
        let verified = try ExternalTool.run("openssl", [
            "dgst", "-sm3", "-verify", directory.path("holder.pem"), "-sigopt", "distid:1234567812345678",
            "-signature", directory.path("sig.der"), directory.path("tbs.der"),
        ])
        #expect(verified.succeeded && verified.stdout.contains("Verified OK"), "\(verified.stdout)\(verified.stderr)")
    }

    @Test("another document fails the hash check only")
    func wrongDocument() throws {
        let fixture = try SealFixture()
        let report = verifier(fixture).verify(try sign(fixture), document: Self.document + [0x20], fallbackTime: Date())
        #expect(report.failures.map(\.id) == ["data-hash"])
    }

    @Test("signing refuses a signer who is not a holder, and a time outside the seal's validity")
    func signingGuards() throws {
        let fixture = try SealFixture()
        let (otherKey, otherCertificate) = try fixture.station.issue(.holder, "/CN=其他人")
        #expect(throws: SealSESError.signerNotAHolder(subject: "CN=其他人")) {
            try SignatureMaker.sign(
                document: Self.document, documentName: "d", seal: fixture.seal, holderKey: otherKey,
                holderCertificate: otherCertificate, signingTime: SealFixture.inside)
        }
        let late = fixture.seal.validEnd.addingTimeInterval(1)
        #expect(throws: SealSESError.signingTimeOutsideSealValidity(late)) { try sign(fixture, at: late) }
        #expect(throws: SealSESError.keyDoesNotMatchCertificate(role: "holder")) {
            try SignatureMaker.sign(
                document: Self.document, documentName: "d", seal: fixture.seal, holderKey: otherKey,
                holderCertificate: fixture.holderCertificate, signingTime: SealFixture.inside)
        }
    }

    @Test("every single-byte change of a signature file is rejected with a reason")
    func everyByteChange() throws {
        let fixture = try SealFixture()
        let original = try sign(fixture).derEncoded
        let verifier = verifier(fixture)
        var accepted: [Int] = []
        for index in original.indices {
            var bytes = original
            bytes[index] ^= 0x01
            do {
                let signature = try ElectronicSignature(derEncoded: bytes)
                let report = verifier.verify(signature, document: Self.document, fallbackTime: Date())
                if report.isValid { accepted.append(index) }
                else { #expect(!report.failures[0].detail.isEmpty) }
            } catch {
                #expect(!"\(error)".isEmpty)
            }
        }
        #expect(accepted.isEmpty, "changes at \(accepted) were accepted")
    }

    @Test("every truncation of a signature fails cleanly")
    func truncations() throws {
        let bytes = try sign(try SealFixture()).derEncoded
        for length in 0..<bytes.count {
            #expect(throws: (any Error).self) { try ElectronicSignature(derEncoded: Array(bytes.prefix(length))) }
        }
    }
}
