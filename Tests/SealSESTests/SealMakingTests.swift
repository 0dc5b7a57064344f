import Foundation
import SealASN1
import SealCrypto
import SealPKI
import SealSES
import SealTestSupport
import SwiftASN1
import Testing

@Suite("Making and verifying v4 seals")
struct SealMakingTests {
    @Test("a seal made here verifies, with its maker chained to the station CA")
    func makeAndVerify() throws {
        let fixture = try SealFixture()
        let report = fixture.trusted.verify(fixture.seal, at: SealFixture.inside)
        #expect(report.isValid, "\(report.failures)")
        #expect(report.checks.map(\.id) == ["maker-signature", "maker-certificate", "validity", "picture", "holders"])
        #expect(report.checks.allSatisfy { $0.status == .passed })
        #expect(report.deviations.isEmpty)
        let reread = try ElectronicSeal(derEncoded: fixture.seal.derEncoded)
        #expect(reread.version == .v4)
        #expect(reread.name == "北京某某科技发展有限公司合同专用章")
        #expect(reread.typeCode == SealType.unit.rawValue)
        #expect(reread.vendorID == "SealStation")
        #expect(reread.holderCertificates == [fixture.holderCertificate.derEncoded])
        #expect(reread.certListType == 1)
        #expect(reread.picture.data == SealFixture.tinyPNG)
        #expect(reread.createDate == StationFixture.now)
    }

    @Test("re-encoding every structure of a made seal is byte-identical")
    func roundTrips() throws {
        let fixture = try SealFixture()
        guard case .v4(let seal) = fixture.seal.structure else { Issue.record("not v4"); return }
        func der(_ value: some DERSerializable) throws -> [UInt8] {
            var serializer = DER.Serializer()
            try serializer.serialize(value)
            return serializer.serializedBytes
        }
        func reparse<T: DERImplicitlyTaggable & Equatable>(_ value: T) throws {
            let bytes = try der(value)
            let parsed = try T(derEncoded: try DER.parse(bytes))
            #expect(parsed == value, "\(T.self)")
            #expect(try der(parsed) == bytes, "\(T.self)")
        }
        try reparse(seal)
        try reparse(seal.eSealInfo)
        try reparse(seal.eSealInfo.header)
        try reparse(seal.eSealInfo.property)
        try reparse(seal.eSealInfo.picture)
        try reparse(ExtensionDatas([ExtData(extnID: [1, 2, 156, 1], critical: true, extnValue: [1, 2])]))
        try reparse(ExtData(extnID: [1, 2, 156, 2], critical: false, extnValue: [3]))
        #expect(try der(seal) == fixture.seal.derEncoded)
    }

    @Test("certListType 2: holders listed by SM3 digest")
    func digestList() throws {
        let fixture = try SealFixture(byDigest: true)
        #expect(fixture.seal.certListType == 2)
        #expect(fixture.seal.holderCertificateDigests.first?.value == fixture.holderCertificate.fingerprint)
        #expect(fixture.trusted.verify(fixture.seal, at: SealFixture.inside).isValid)
    }

    @Test("openssl asn1parse reads our seal and the openssl CLI verifies the maker signature over the exact signed bytes")
    func opensslCrossCheck() throws {
        let fixture = try SealFixture()
        let directory = fixture.station.directory
        try directory.write("seal.sel", fixture.seal.derEncoded)
        let parsed = try ExternalTool.run("openssl", ["asn1parse", "-inform", "DER", "-in", directory.path("seal.sel"), "-i"])
        #expect(parsed.succeeded, "\(parsed.stderr)")
        #expect(parsed.stdout.contains(":ES"))
        #expect(parsed.stdout.contains("SM2-with-SM3"))
        #expect(parsed.stdout.contains("GENERALIZEDTIME"))
        try directory.write("signed.der", fixture.seal.signedMessage())
        try directory.write("signature.der", Array(fixture.seal.signatureValue.bytes))
        try directory.write("maker.pem", text: fixture.makerCertificate.publicKey.pemEncoded)
        let verified = try ExternalTool.run("openssl", [
            "dgst", "-sm3", "-verify", directory.path("maker.pem"), "-sigopt", "distid:1234567812345678",
            "-signature", directory.path("signature.der"), directory.path("signed.der"),
        ])
        #expect(verified.succeeded && verified.stdout.contains("Verified OK"), "\(verified.stdout)\(verified.stderr)")
        // The signed bytes are the second TLV of the file (SESeal's first element), as in ses-structures.md §2.
        #expect(fixture.seal.derEncoded.count > 4)
        let root = try DER.parse(fixture.seal.derEncoded)
        guard case .constructed(let children) = root.content else { Issue.record("not constructed"); return }
        #expect(Array(children.first { _ in true }!.encodedBytes) == fixture.seal.signedMessage())
    }

    @Test("SVG pictures are accepted; wrong bytes, types and sizes are refused when making")
    func pictures() throws {
        let svg = Array(#"<svg xmlns="http://www.w3.org/2000/svg" width="42mm" height="42mm" viewBox="0 0 42 42"><circle cx="21" cy="21" r="20" fill="none" stroke="red"/></svg>"#.utf8)
        let fixture = try SealFixture(picture: SealPicture(type: "SVG", data: svg, widthMM: 42, heightMM: 42))
        #expect(fixture.seal.picture.type == "SVG")
        #expect(fixture.trusted.verify(fixture.seal, at: SealFixture.inside).isValid)
        #expect(throws: SealSESError.pictureDoesNotMatchType(declared: "PNG")) {
            try SealFixture(picture: SealPicture(type: "PNG", data: svg, widthMM: 42, heightMM: 42))
        }
        #expect(throws: SealSESError.unsupportedPictureType("GIF")) {
            try SealFixture(picture: SealPicture(type: "GIF", data: Array("GIF89a".utf8), widthMM: 42, heightMM: 42))
        }
        #expect(throws: SealSESError.invalidPictureSize(widthMM: 0, heightMM: 42)) {
            try SealFixture(picture: SealPicture(type: "PNG", data: SealFixture.tinyPNG, widthMM: 0, heightMM: 42))
        }
    }

    @Test("a maker key that does not match the maker certificate is refused")
    func makerKeyMismatch() throws {
        let fixture = try SealFixture()
        let request = SealMakingRequest(
            esID: "x", type: .personal, name: "张三", holders: [fixture.holderCertificate], createDate: StationFixture.now,
            validStart: StationFixture.now, validEnd: StationFixture.now.addingTimeInterval(86_400),
            picture: SealPicture(type: "PNG", data: SealFixture.tinyPNG, widthMM: 20, heightMM: 20))
        #expect(throws: SealSESError.keyDoesNotMatchCertificate(role: "seal-maker")) {
            try SealMaker.make(request, makerKey: fixture.holderKey, makerCertificate: fixture.makerCertificate)
        }
    }

    @Test("another station's CA does not vouch for the maker")
    func wrongAnchor() throws {
        let fixture = try SealFixture(), other = try StationFixture()
        let report = SealVerifier(trust: .anchors([other.ca.certificate])).verify(fixture.seal, at: SealFixture.inside)
        #expect(report.failures.map(\.id) == ["maker-certificate"])
    }

    @Test("every single-byte change of a seal file is rejected with a reason")
    func everyByteChange() throws {
        let fixture = try SealFixture()
        let original = fixture.seal.derEncoded
        let verifier = fixture.trusted
        var accepted: [Int] = []
        for index in original.indices {
            var bytes = original
            bytes[index] ^= 0x01
            do {
                let seal = try ElectronicSeal(derEncoded: bytes)
                let report = verifier.verify(seal, at: SealFixture.inside)
                if report.isValid { accepted.append(index) }
                else { #expect(!report.failures[0].detail.isEmpty) }
            } catch {
                #expect(!"\(error)".isEmpty)
            }
        }
        #expect(accepted.isEmpty, "changes at \(accepted) were accepted")
    }

    @Test("every truncation and garbage input fails cleanly; oversized input is refused before parsing")
    func malformedInput() throws {
        let fixture = try SealFixture()
        let bytes = fixture.seal.derEncoded
        for length in 0..<bytes.count {
            #expect(throws: (any Error).self) { try ElectronicSeal(derEncoded: Array(bytes.prefix(length))) }
        }
        #expect(throws: SESFormatError.self) { try ElectronicSeal(derEncoded: Array("not DER at all".utf8)) }
        #expect(throws: SESFormatError.self) { try ElectronicSeal(derEncoded: [0x30, 0x00]) }
        #expect(throws: SESFormatError.self) { try ElectronicSeal(derEncoded: bytes + [0x00]) }
        let huge = [UInt8](repeating: 0x30, count: sesMaximumInputSize + 1)
        #expect(throws: SESFormatError.tooLarge(size: huge.count, limit: sesMaximumInputSize)) {
            try ElectronicSeal(derEncoded: huge)
        }
    }
}
