import Foundation
import SealCrypto
import SealPKI
import SealSES
import SealTestSupport
import Testing
import SwiftASN1

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

    /// A signer that presents the holder's public key but signs with another key: what a damaged key or a faulty
    /// token looks like from outside.
    struct MismatchedSigner: MessageSigner {
        let publicKey: PublicKey
        let signingKey: PrivateKey
        var signatureAlgorithm: SignatureAlgorithm { signingKey.signatureAlgorithm }
        func signature(for message: [UInt8]) throws -> [UInt8] { try signingKey.signature(for: message) }
    }

    @Test("a signature that does not verify with the holder certificate is refused when made; a seal whose maker signature does not verify likewise")
    func signaturesVerifiedWhenMade() throws {
        let fixture = try SealFixture()
        let lying = MismatchedSigner(publicKey: fixture.holderCertificate.publicKey, signingKey: try PrivateKey.generate(.sm2))
        #expect(throws: SealSESError.signatureDoesNotVerify(role: "holder", subject: fixture.holderCertificate.subject.description)) {
            try SignatureMaker.sign(
                document: Self.document, documentName: "d", seal: fixture.seal, holderKey: lying,
                holderCertificate: fixture.holderCertificate, signingTime: SealFixture.inside)
        }
        let maker = fixture.makerCertificate
        let lyingMaker = MismatchedSigner(publicKey: maker.publicKey, signingKey: try PrivateKey.generate(.sm2))
        let request = SealMakingRequest(
            esID: "11010800000002", type: .unit, name: "北京某某科技发展有限公司合同专用章", holders: [fixture.holderCertificate],
            createDate: StationFixture.now, validStart: StationFixture.now, validEnd: StationFixture.now.addingTimeInterval(86_400),
            picture: SealPicture(type: "PNG", data: SealFixture.tinyPNG, widthMM: 40, heightMM: 40))
        #expect(throws: SealSESError.signatureDoesNotVerify(role: "seal-maker", subject: maker.subject.description)) {
            try SealMaker.make(request, makerKey: lyingMaker, makerCertificate: maker)
        }
        // The same signers with their own keys make a signature and a seal that verify.
        _ = try SealMaker.make(request, makerKey: fixture.makerKey, makerCertificate: maker)
        _ = try sign(fixture)
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
