import Foundation
import SealCrypto
import SealPKI
import SealSES
import SealTestSupport

/// A station with a maker and a holder, and a seal made from them.
struct SealFixture {
    /// A 1×1 transparent PNG (70 bytes, made with Python's zlib), the smallest valid seal picture.
    static let tinyPNG = Hex.decode(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63b8c3c0f01f00047401dcb8341f320000000049454e44ae426082"
    )!

    let station: StationFixture
    let makerKey: PrivateKey
    let makerCertificate: Certificate
    let holderKey: PrivateKey
    let holderCertificate: Certificate
    let seal: ElectronicSeal

    init(holderAlgorithm: KeyAlgorithm = .sm2, byDigest: Bool = false, picture: SealPicture? = nil) throws {
        station = try StationFixture()
        (makerKey, makerCertificate) = try station.issue(.maker, "/C=CN/O=某市公安局/CN=制章人", days: 1000)
        (holderKey, holderCertificate) = try station.issue(
            .holder, "/C=CN/O=北京某某科技发展有限公司/CN=合同专用章", algorithm: holderAlgorithm, days: 800)
        let request = SealMakingRequest(
            esID: "11010800000001", type: .unit, name: "北京某某科技发展有限公司合同专用章", holders: [holderCertificate],
            listHoldersByDigest: byDigest, createDate: StationFixture.now, validStart: StationFixture.now,
            validEnd: StationFixture.now.addingTimeInterval(730 * 86_400),
            picture: picture ?? SealPicture(type: "PNG", data: Self.tinyPNG, widthMM: 40, heightMM: 40))
        seal = try SealMaker.make(request, makerKey: makerKey, makerCertificate: makerCertificate)
    }

    /// A moment inside everything's validity.
    static let inside = StationFixture.now.addingTimeInterval(86_400)

    var trusted: SealVerifier { SealVerifier(trust: .anchors([station.ca.certificate])) }
}
