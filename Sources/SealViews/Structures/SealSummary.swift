public import Foundation
import SealCrypto
public import SealSES
import SealASN1

/// What is shown about a GB/T 38540 seal (SES_Seal): header, properties, picture, maker, extensions and SM3, with any
/// deviations from the standard found while reading it.
public struct SealSummary: Encodable, Sendable, Hashable {
    public var version: String
    public var vendorID: String
    public var esID: String
    /// The seal type code (印章类型).
    public var type: Int
    public var name: String
    public var certListType: Int?
    /// Each holder certificate's subject, or a holder listed by digest as `TYPE digest HEX`.
    public var holders: [String]
    public var createDate: Date
    public var validStart: Date
    public var validEnd: Date
    public var pictureType: String
    public var pictureBytes: Int
    public var pictureWidthMM: Int
    public var pictureHeightMM: Int
    public var pictureSM3: String
    /// The maker certificate's subject.
    public var maker: String
    /// Each extension as `OID (critical): N bytes`.
    public var extensions: [String]
    public var deviations: [String]
    /// SM3 of the seal's DER, in hex.
    public var sm3: String
    /// The file the seal was read from or written to, when there is one.
    public var path: String?

    /// The summary of `seal`, read from or written to `path` if given.
    public init(_ seal: ElectronicSeal, path: String?) {
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

    /// Label–value rows for a detail view.
    public var rows: [(String, String)] {
        let typeName = SealType(rawValue: type).map { "\(type) \($0.chineseName)" } ?? "\(type) (vendor-defined)"
        var rows: [(String, String)] = [
            ("version", version), ("vendor", vendorID), ("esID", esID), ("type", typeName), ("name", name),
            ("holders", holders.joined(separator: "; ")), ("created", ViewText.date(createDate)),
            ("valid", "\(ViewText.date(validStart)) – \(ViewText.date(validEnd))"),
            ("picture", "\(pictureType), \(pictureBytes) bytes, \(pictureWidthMM)×\(pictureHeightMM) mm, SM3 \(pictureSM3.prefix(16))…"),
            ("maker", maker), ("SM3", sm3),
        ]
        if !extensions.isEmpty { rows.append(("extensions", extensions.joined(separator: "; "))) }
        for deviation in deviations { rows.append(("deviation", deviation)) }
        if let path { rows.append(("file", path)) }
        return rows
    }
}
