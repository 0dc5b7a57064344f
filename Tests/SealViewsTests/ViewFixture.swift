import Foundation
import SealASN1
import SealCrypto
import SealPKI
import SealSES
import SealTestSupport
import SealViews

/// A station CA with a maker and a holder, a seal made from them and a signature by the holder: the real parts the
/// views are built from.
struct ViewFixture {
    /// A 1×1 transparent PNG (70 bytes), the smallest valid seal picture.
    static let tinyPNG = Hex.decode(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63b8c3c0f01f00047401dcb8341f320000000049454e44ae426082"
    )!
    static let document = Array("合同第 2026-001 号：甲方与乙方……（全文）\n".utf8)
    static let documentName = "合同-2026-001.txt"
    /// A day after the station's fixed time, inside everything's validity.
    static let signingTime = StationFixture.now.addingTimeInterval(86_400)

    let station: StationFixture
    let makerKey: PrivateKey
    let makerCertificate: Certificate
    let holderKey: PrivateKey
    let holderCertificate: Certificate

    init() throws {
        station = try StationFixture()
        (makerKey, makerCertificate) = try station.issue(.maker, "/C=CN/O=某市公安局/CN=制章人", days: 1000)
        (holderKey, holderCertificate) = try station.issue(.holder, "/C=CN/O=北京某某科技发展有限公司/OU=91110108MA00000070/CN=合同专用章", days: 800)
    }

    /// A v4 seal of the holder, listing the holder by certificate or by SM3 digest, with the given extensions.
    func seal(byDigest: Bool = false, extensions: [ExtData] = []) throws -> ElectronicSeal {
        let request = SealMakingRequest(
            esID: "11010800000001", type: .unit, name: "北京某某科技发展有限公司合同专用章", holders: [holderCertificate],
            listHoldersByDigest: byDigest, createDate: StationFixture.now, validStart: StationFixture.now,
            validEnd: StationFixture.now.addingTimeInterval(730 * 86_400),
            picture: SealPicture(type: "PNG", data: Self.tinyPNG, widthMM: 40, heightMM: 40), extensions: extensions)
        return try SealMaker.make(request, makerKey: makerKey, makerCertificate: makerCertificate)
    }

    /// A v4 signature of ``document`` by the holder with `seal`.
    func signature(with seal: ElectronicSeal) throws -> ElectronicSignature {
        try SignatureMaker.sign(
            document: Self.document, documentName: Self.documentName, seal: seal, holderKey: holderKey,
            holderCertificate: holderCertificate, signingTime: Self.signingTime)
    }
}

/// The views' JSON read back as a dictionary (keys and values as encoded).
func jsonObject(_ value: some Encodable) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: try ViewJSON.data(value))
    guard let dictionary = object as? [String: Any] else { throw JSONShapeError(text: try ViewJSON.string(value)) }
    return dictionary
}

/// The JSON was not an object.
struct JSONShapeError: Error, CustomStringConvertible {
    var text: String
    var description: String { "not a JSON object: \(text)" }
}
