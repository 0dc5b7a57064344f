import Foundation
import SealCrypto
import SealSES

/// What the CLI prints about a seal.
struct SealSummary: Encodable {
    var version: String
    var vendorID: String
    var esID: String
    var type: Int
    var name: String
    var certListType: Int?
    var holders: [String]
    var createDate: Date
    var validStart: Date
    var validEnd: Date
    var pictureType: String
    var pictureBytes: Int
    var pictureWidthMM: Int
    var pictureHeightMM: Int
    var pictureSM3: String
    var maker: String
    var extensions: [String]
    var deviations: [String]
    var sm3: String
    var path: String?

    init(_ seal: ElectronicSeal, path: String?) {
        version = seal.version.rawValue
        vendorID = seal.vendorID
        esID = seal.esID
        type = seal.typeCode
        name = seal.name
        certListType = seal.certListType
        holders = seal.holderCertificates.map { der in Describe.subject(ofCertificate: der) }
            + seal.holderCertificateDigests.map { "\($0.type) digest \(Hex.encode($0.value))" }
        createDate = seal.createDate
        validStart = seal.validStart
        validEnd = seal.validEnd
        let picture = seal.picture
        pictureType = picture.type
        pictureBytes = picture.data.count
        pictureWidthMM = picture.widthMM
        pictureHeightMM = picture.heightMM
        pictureSM3 = Describe.sm3(picture.data)
        maker = Describe.subject(ofCertificate: seal.makerCertificate)
        extensions = seal.extensions.map(Describe.extensionData)
        deviations = seal.readingDeviations.map(\.description)
        sm3 = Describe.sm3(seal.derEncoded)
        self.path = path
    }

    var rows: [(String, String)] {
        let typeName = SealType(rawValue: type).map { "\(type) \($0.chineseName)" } ?? "\(type) (vendor-defined)"
        var rows: [(String, String)] = [
            ("version", version), ("vendor", vendorID), ("esID", esID), ("type", typeName), ("name", name),
            ("holders", holders.joined(separator: "; ")), ("created", Output.date(createDate)),
            ("valid", "\(Output.date(validStart)) – \(Output.date(validEnd))"),
            ("picture", "\(pictureType), \(pictureBytes) bytes, \(pictureWidthMM)×\(pictureHeightMM) mm, SM3 \(pictureSM3.prefix(16))…"),
            ("maker", maker), ("SM3", sm3),
        ]
        if !extensions.isEmpty { rows.append(("extensions", extensions.joined(separator: "; "))) }
        for deviation in deviations { rows.append(("deviation", deviation)) }
        if let path { rows.append(("file", path)) }
        return rows
    }
}
