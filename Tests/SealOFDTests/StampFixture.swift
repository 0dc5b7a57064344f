import Foundation
import SealCrypto
import SealDocument
import SealOFD
import SealPKI
import SealSES
import SealTestSupport
import ZIPFoundation

/// A station with a seal maker and a holder, a v4 seal of theirs (40 × 40 mm PNG), and the unsigned OFD documents the
/// stamp tests start from: ofdrw's helloworld (ofd-signing.md §1, 1 page) and the 5 pages of F:V4RideRight with its
/// signature taken out.
struct StampFixture: Sendable {
    /// A 1×1 transparent PNG (70 bytes), the smallest valid seal picture.
    static let tinyPNG = Hex.decode(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63b8c3c0f01f00047401dcb8341f320000000049454e44ae426082"
    ) ?? []

    /// The fixture is made once for the suite (a station CA costs a key derivation).
    static let shared = Result { try StampFixture() }

    let caCertificate: Certificate
    let holderKey: PrivateKey
    let holderCertificate: Certificate
    let seal: ElectronicSeal

    init() throws {
        let station = try StationFixture()
        let (makerKey, makerCertificate) = try station.issue(.maker, "/C=CN/O=某市公安局/CN=制章人", days: 1000)
        (holderKey, holderCertificate) = try station.issue(.holder, "/C=CN/O=北京某某科技发展有限公司/CN=合同专用章", days: 800)
        let request = SealMakingRequest(
            esID: "11010800000001", type: .unit, name: "北京某某科技发展有限公司合同专用章", holders: [holderCertificate],
            listHoldersByDigest: false, createDate: StationFixture.now, validStart: StationFixture.now,
            validEnd: StationFixture.now.addingTimeInterval(730 * 86_400),
            picture: SealPicture(type: "PNG", data: Self.tinyPNG, widthMM: 40, heightMM: 40))
        seal = try SealMaker.make(request, makerKey: makerKey, makerCertificate: makerCertificate)
        caCertificate = station.ca.certificate
    }

    /// A moment inside everything's validity, with a fraction of a second the stamp drops.
    static let signingTime = StationFixture.now.addingTimeInterval(86_400.75)

    /// The SES_Signature for `stamp`, made by the holder key over the stamp's dataHash.
    func sign(_ stamp: OFDStamp) throws -> ElectronicSignature {
        try SignatureMaker.sign(
            dataHash: stamp.dataHash, documentName: stamp.signatureXMLPath, seal: seal, holderKey: holderKey,
            holderCertificate: holderCertificate, signingTime: stamp.signingTime)
    }

    /// Prepares, signs and packages a stamp of `document`.
    func stamp(_ document: OFDFile, _ placement: StampPlacement) throws -> (OFDStamp, [UInt8]) {
        let stamp = try OFDStamp.prepare(document, seal: seal, placement: placement, signingTime: Self.signingTime)
        return (stamp, try stamp.package(signedValue: try sign(stamp)))
    }

    // MARK: - Documents

    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

    /// ofdrw's helloworld.ofd members (ofd-signing.md §1), each the declaration line and one line of XML.
    static let helloWorld: [(String, [UInt8])] = [
        ("OFD.xml", #"<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>220c5913ebfe4f6e8070dabd3647f157</ofd:DocID><ofd:CreationDate>2020-09-21</ofd:CreationDate><ofd:Creator>OFD R&amp;W</ofd:Creator><ofd:CreatorVersion>1.5.5</ofd:CreatorVersion></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"#),
        ("Doc_0/Document.xml", #"<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox><ofd:ApplicationBox>0 0 210 297</ofd:ApplicationBox></ofd:PageArea><ofd:MaxUnitID>4</ofd:MaxUnitID></ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>"#),
        ("Doc_0/PublicRes.xml", #"<ofd:Res xmlns:ofd="http://www.ofdspec.org/2016" BaseLoc="Res"><ofd:Fonts><ofd:Font FontName="宋体" FamilyName="宋体" ID="3"/></ofd:Fonts></ofd:Res>"#),
        ("Doc_0/Pages/Page_0/Content.xml", #"<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="2"><ofd:TextObject ID="4" Boundary="31.7 25.4 40.5 5" Font="3" Size="3.0"><ofd:TextCode X="0" Y="3" DeltaX="3 3 3 3 1.5 1.5 1.5 1.5 1.5 1.5 1.5 1.5 1.5 1.5 1.5 1.5 1.5 1.5 1.5 1.5 1.5">你好呀，OFD Reader&amp;Writer！</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>"#),
    ].map { ($0.0, Array((declaration + $0.1).utf8)) }

    /// The 5 pages of F:V4RideRight without its signature: every member outside Doc_0/Signs/, and OFD.xml without its
    /// Signatures element.
    static func unsignedRide() throws -> [(String, [UInt8])] {
        let signed = try OFDPackage(contentsOf: try SharedFixtures.ofd("ofdrw-converter__V4RideRight.ofd"))
        return signed.paths.filter { !$0.hasPrefix("Doc_0/Signs/") }.map { path in
            var bytes = signed.file(path) ?? []
            if path == "OFD.xml" {
                let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "<ofd:Signatures>/Doc_0/Signs/Signatures.xml</ofd:Signatures>", with: "")
                bytes = Array(text.utf8)
            }
            return (path, bytes)
        }
    }

    /// A package of `members` written with ZIPFoundation (DEFLATE), read back as an OFD.
    static func document(_ members: [(String, [UInt8])]) throws -> OFDFile {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, bytes) in members {
            let data = Data(bytes)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
            }
        }
        return try read(Array(archive.data ?? Data()))
    }

    /// Reads package bytes as an OFD file.
    static func read(_ bytes: [UInt8]) throws -> OFDFile {
        try OFDFile(try OFDPackage(data: Data(bytes)))
    }
}
