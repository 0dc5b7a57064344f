import SealASN1
import SealCrypto
import SealTestSupport
import SwiftASN1
import Testing

/// Structures read from real files made by other systems (../shared/fixtures/ses, see its README).
@Suite("GM/T 0031 / GB/T 38540 structures on real files")
struct FixtureRoundTripTests {
    static let v4Signatures = [
        "SignedValueV4.dat", "keyword.ofd__Sign_1__SignedValue.dat", "1.ofd__Sign_0__SignedValue.dat",
    ]

    func reencode(_ value: some DERSerializable) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(value)
        return serializer.serializedBytes
    }

    @Test("v4 seals parse and re-encode byte-identically", arguments: ["UserV4.esl", "SESealData.DER"])
    func v4Seals(name: String) throws {
        let bytes = try SharedFixtures.ses(name)
        let seal = try SESv4.SESeal(derEncoded: parseSESDER(bytes, structure: "SESeal"))
        #expect(try reencode(seal) == bytes)
        #expect(try reencode(seal.eSealInfo) == Array(seal.eSealInfoBytes))
        #expect(String(seal.eSealInfo.header.id) == "ES")
        #expect(seal.eSealInfo.header.version == 4)
        #expect(seal.signAlgID == ObjectIdentifiers.sm2WithSM3)
    }

    @Test("UserV4.esl: the fields ofdrw wrote, and the signed bytes of ses-structures.md §2")
    func userV4Fields() throws {
        let seal = try SESv4.SESeal(derEncoded: parseSESDER(SharedFixtures.ses("UserV4.esl"), structure: "SESeal"))
        let info = seal.eSealInfo
        #expect(String(info.header.vid) == "OFDR&WTest")
        #expect(info.property.type == 3)
        #expect(String(info.property.name) == "OFD R&W 测试用印章")
        #expect(info.property.certListType == 1)
        #expect(String(info.picture.type) == "PNG")
        #expect(info.picture.width == 40 && info.picture.height == 40)
        #expect(info.extDatas == nil)
        #expect(seal.eSealInfoBytes.count == 16393)
        #expect(Hex.encode(try SM3.hash(seal.eSealInfoBytes)) == "6aefcd84f3d768777d0031628defada2f9626b3ea46c06dacc669fb0b2737449")
    }

    @Test("the v1 seal parses, re-encodes, and its signed message matches ses-structures.md §2")
    func v1Seal() throws {
        let bytes = try SharedFixtures.ses("UserV1.esl")
        let seal = try SESv1.SESeal(derEncoded: parseSESDER(bytes, structure: "SESeal"))
        #expect(try reencode(seal) == bytes)
        #expect(seal.esealInfo.header.version == 1)
        #expect(seal.esealInfo.property.type == 1)
        let message = try seal.signedMessage()
        #expect(message.count == 16925)
        #expect(Hex.encode(try SM3.hash(message)) == "ded50a45fbb77d6122bc6390b85c094544e5feef167dcf408d0e40f90d52d2af")
    }

    @Test("v4 signatures parse and re-encode byte-identically", arguments: v4Signatures)
    func v4Signature(name: String) throws {
        let bytes = try SharedFixtures.ses(name)
        let signature = try SESv4.SES_Signature(derEncoded: parseSESDER(bytes, structure: "SES_Signature"))
        #expect(try reencode(signature) == bytes)
        #expect(try reencode(signature.toSign) == Array(signature.toSignBytes))
        #expect(signature.toSign.version == 4)
        #expect(signature.toSign.dataHash.bytes.count == 32)
    }

    @Test("SignedValueV4.dat: its TBS_Sign is the 17105 bytes at offset 4 and embeds UserV4.esl")
    func signedValueV4() throws {
        let bytes = try SharedFixtures.ses("SignedValueV4.dat")
        let signature = try SESv4.SES_Signature(derEncoded: parseSESDER(bytes, structure: "SES_Signature"))
        #expect(signature.toSignBytes.count == 17105)
        #expect(Hex.encode(try SM3.hash(signature.toSignBytes)) == "80246a7c41d65aabe0941f6188602c6f0261c4280260462debed2757716d7216")
        #expect(try reencode(signature.toSign.eseal) == SharedFixtures.ses("UserV4.esl"))
        #expect(String(signature.toSign.propertyInfo) == "/Doc_0/Signs/Sign_0/Signature.xml")
    }

    @Test("keyword.ofd Sign_1 carries TBS_Sign.extDatas [0] EXPLICIT and a 64-byte raw r‖s")
    func shandong() throws {
        let signature = try SESv4.SES_Signature(
            derEncoded: parseSESDER(SharedFixtures.ses("keyword.ofd__Sign_1__SignedValue.dat"), structure: "SES_Signature"))
        let extDatas = try #require(signature.toSign.extDatas)
        #expect(extDatas.items.count == 1)
        #expect(extDatas.items[0].extnID == [1, 3, 6, 1, 5, 5, 7, 1, 4])
        #expect(extDatas.items[0].critical)
        #expect(signature.signature.bytes.count == 64)
    }

    @Test("the tax-bureau seal encodes critical FALSE, and re-encoding keeps it")
    func taxBureauCriticalFalse() throws {
        let signature = try SESv4.SES_Signature(
            derEncoded: parseSESDER(SharedFixtures.ses("1.ofd__Sign_0__SignedValue.dat"), structure: "SES_Signature"))
        let ext = try #require(signature.toSign.eseal.eSealInfo.extDatas?.items.first)
        #expect(ext.extnID == [1, 2, 156, 10197, 6, 7, 2, 2, 1])
        #expect(ext.encodesDefaultCritical)
        #expect(String(signature.toSign.eseal.eSealInfo.picture.type) == "ofd")
    }
}
