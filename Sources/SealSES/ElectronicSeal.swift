public import Foundation
public import SealASN1
import SealCrypto
public import SwiftASN1

/// An electronic seal (电子印章) of any supported version, read from DER, with the standard's fields behind one
/// interface. The bytes the maker signed are kept exactly as read.
public struct ElectronicSeal: Sendable {
    /// Which standard the seal follows.
    public enum Version: String, Sendable, Codable {
        /// GM/T 0031-2014.
        case v1
        /// GB/T 38540-2020.
        case v4
        /// GM/T 0031-2025, read with the v4 rules.
        case v5
    }

    /// The parsed structure.
    public enum Structure: Sendable {
        case v1(SESv1.SESeal)
        case v4(SESv4.SESeal)
    }

    /// The DER the seal was read from (or made as).
    public let derEncoded: [UInt8]
    /// The standard the seal follows.
    public let version: Version
    /// The parsed structure.
    public let structure: Structure
    /// Deviations from the standard found while reading (accepted because their meaning is unambiguous).
    public let readingDeviations: [SESDeviation]

    // The fields verification reads again and again, extracted once: reading them through `structure` copies the
    // whole parsed structure each time (hundreds of reference-count operations per access).
    /// 厂商标识 (SES_Header.Vid).
    public private(set) var vendorID = ""
    /// 电子印章标识 (esID).
    public private(set) var esID = ""
    /// 印章类型 as written (1 unit, 2 personal in SealStation and GM/T 0031-2014; others are vendor-defined).
    public private(set) var typeCode = 0
    /// 印章名称.
    public private(set) var name = ""
    /// 印章制作时间.
    public private(set) var createDate = Date.distantPast
    /// 有效起始时间.
    public private(set) var validStart = Date.distantPast
    /// 有效终止时间.
    public private(set) var validEnd = Date.distantPast
    /// 制章者证书 (DER).
    public private(set) var makerCertificate: [UInt8] = []
    /// certListType (v4 only): 1 certificates, 2 certificate digests.
    public private(set) var certListType: Int?
    /// The holders' certificates (DER), when the seal lists certificates.
    public private(set) var holderCertificates: [[UInt8]] = []
    /// The holders' certificate digests (v4 certListType 2).
    public private(set) var holderCertificateDigests: [(type: String, value: [UInt8])] = []
    /// The number of entries in the holder list, whatever their form.
    public private(set) var holderCount = 0
    /// 印章图片 (its bytes copied out of the DER on each read; verification reads them in place).
    public var picture: SealPicture {
        SealPicture(type: pictureType, data: Array(pictureBytes), widthMM: pictureWidthMM, heightMM: pictureHeightMM)
    }
    /// The picture's declared type, bytes (where they lie in the DER) and display size.
    private(set) var pictureType = ""
    private(set) var pictureBytes: ArraySlice<UInt8> = []
    private(set) var pictureWidthMM = 0
    private(set) var pictureHeightMM = 0
    /// The maker's signature algorithm OID.
    public private(set) var signatureAlgorithm: ASN1ObjectIdentifier = ObjectIdentifiers.sm2WithSM3
    /// The maker's signature value (the BIT STRING).
    public private(set) var signatureValue = ASN1BitString(bytes: [], paddingBits: 0)
    /// The signed bytes where they lie in `derEncoded` (v4) or in the re-assembled v1 message: verification reads them
    /// in place, without copying the picture they contain.
    private(set) var signedBytes: ArraySlice<UInt8> = []

    /// The exact bytes the maker signed: v4 DER(eSealInfo) as read; v1 DER SEQUENCE{esealInfo, cert, algorithm}.
    public func signedMessage() -> [UInt8] { Array(signedBytes) }

    /// Reads a seal (v1, v4 or v5) from DER; refuses input over 10 MiB before parsing.
    /// - Throws: `SESFormatError` naming the structure and the problem.
    public init(derEncoded bytes: [UInt8]) throws {
        let root = try parseSESDER(bytes, structure: "SESeal")
        guard root.identifier == .sequence, case .constructed(let children) = root.content else {
            throw SESFormatError.malformed(structure: "SESeal", reason: "the top element is \(root.identifier), not a SEQUENCE")
        }
        let count = children.reduce(0) { count, _ in count + 1 }
        switch count {
        case 2: try self.init(structure: .v1(try SESv1.SESeal(derEncoded: root)), derEncoded: bytes)
        case 4, 5: try self.init(structure: .v4(try SESv4.SESeal(derEncoded: root)), derEncoded: bytes)
        default: throw SESFormatError.unknownLayout(elementCount: count)
        }
    }

    /// A seal from its parsed structure (made here, or embedded in a signature).
    init(structure: Structure) throws {
        var serializer = DER.Serializer()
        switch structure {
        case .v1(let seal): try serializer.serialize(seal)
        case .v4(let seal): try serializer.serialize(seal)
        }
        try self.init(structure: structure, derEncoded: serializer.serializedBytes)
    }

    private init(structure: Structure, derEncoded: [UInt8]) throws {
        var deviations: [SESDeviation] = []
        switch structure {
        case .v1(let seal):
            version = .v1
            deviations += seal.esealInfo.extDatas?.deviations(in: "SES_SealInfo.extDatas") ?? []
            let identifiers = seal.esealInfo.property.certList.filter { if case .certID = $0 { return true } else { return false } }
            if !identifiers.isEmpty {
                deviations.append(SESDeviation(
                    field: "SES_ESPropertyInfo.certList",
                    detail: "\(identifiers.count) entr\(identifiers.count == 1 ? "y is an IA5String certID" : "ies are IA5String certIDs"), not certificates"))
            }
        case .v4(let seal):
            switch seal.eSealInfo.header.version {
            case 4: version = .v4
            case 5:
                version = .v5
                deviations.append(SESDeviation(
                    field: "SES_Header.version",
                    detail: "GM/T 0031-2025 (v5) seal, read with the GB/T 38540 rules; a seal time-stamp is not checked"))
            case let other: throw SESFormatError.unsupportedVersion(structure: "SES_Header", version: other)
            }
            deviations += seal.eSealInfo.extDatas?.deviations(in: "SES_SealInfo.extDatas") ?? []
        }
        self.structure = structure
        self.derEncoded = derEncoded
        self.readingDeviations = deviations
        vendorID = extractedVendorID
        esID = extractedESID
        typeCode = extractedTypeCode
        name = extractedName
        createDate = extractedCreateDate
        validStart = extractedValidStart
        validEnd = extractedValidEnd
        makerCertificate = extractedMakerCertificate
        certListType = extractedCertListType
        holderCertificates = extractedHolderCertificates
        holderCertificateDigests = extractedHolderCertificateDigests
        holderCount = extractedHolderCount
        let pictureInfo = extractedPictureInfo
        pictureType = String(pictureInfo.type)
        pictureBytes = pictureInfo.data.bytes
        pictureWidthMM = pictureInfo.width
        pictureHeightMM = pictureInfo.height
        signatureAlgorithm = extractedSignatureAlgorithm
        signatureValue = extractedSignatureValue
        signedBytes = try extractedSignedMessage()
    }
}

// MARK: - The standard's fields

extension ElectronicSeal {
    private var header: SES_Header {
        switch structure {
        case .v1(let seal): return seal.esealInfo.header
        case .v4(let seal): return seal.eSealInfo.header
        }
    }

    private var extractedVendorID: String { String(header.vid) }

    private var extractedESID: String {
        switch structure {
        case .v1(let seal): return String(seal.esealInfo.esID)
        case .v4(let seal): return String(seal.eSealInfo.esID)
        }
    }

    private var extractedTypeCode: Int {
        switch structure {
        case .v1(let seal): return seal.esealInfo.property.type
        case .v4(let seal): return seal.eSealInfo.property.type
        }
    }

    private var extractedName: String {
        switch structure {
        case .v1(let seal): return String(seal.esealInfo.property.name)
        case .v4(let seal): return String(seal.eSealInfo.property.name)
        }
    }

    private var extractedCertListType: Int? {
        if case .v4(let seal) = structure { return seal.eSealInfo.property.certListType }
        return nil
    }

    private var extractedHolderCertificates: [[UInt8]] {
        switch structure {
        case .v1(let seal):
            return seal.esealInfo.property.certList.compactMap { if case .cert(let c) = $0 { return Array(c.bytes) } else { return nil } }
        case .v4(let seal):
            if case .certs(let certs) = seal.eSealInfo.property.certList { return certs.map { Array($0.bytes) } }
            return []
        }
    }

    private var extractedHolderCertificateDigests: [(type: String, value: [UInt8])] {
        if case .v4(let seal) = structure, case .certDigestList(let digests) = seal.eSealInfo.property.certList {
            return digests.map { (String($0.type), Array($0.value.bytes)) }
        }
        return []
    }

    private var extractedHolderCount: Int {
        switch structure {
        case .v1(let seal): return seal.esealInfo.property.certList.count
        case .v4(let seal):
            switch seal.eSealInfo.property.certList {
            case .certs(let certs): return certs.count
            case .certDigestList(let digests): return digests.count
            }
        }
    }

    private var extractedCreateDate: Date {
        switch structure {
        case .v1(let seal): return SESTime.date(seal.esealInfo.property.createDate)
        case .v4(let seal): return SESTime.date(seal.eSealInfo.property.createDate)
        }
    }

    private var extractedValidStart: Date {
        switch structure {
        case .v1(let seal): return SESTime.date(seal.esealInfo.property.validStart)
        case .v4(let seal): return SESTime.date(seal.eSealInfo.property.validStart)
        }
    }

    private var extractedValidEnd: Date {
        switch structure {
        case .v1(let seal): return SESTime.date(seal.esealInfo.property.validEnd)
        case .v4(let seal): return SESTime.date(seal.eSealInfo.property.validEnd)
        }
    }

    private var extractedPictureInfo: SES_ESPictrueInfo {
        switch structure {
        case .v1(let seal): return seal.esealInfo.picture
        case .v4(let seal): return seal.eSealInfo.picture
        }
    }

    /// 自定义数据 of the seal.
    public var extensions: [ExtData] {
        switch structure {
        case .v1(let seal): return seal.esealInfo.extDatas?.items ?? []
        case .v4(let seal): return seal.eSealInfo.extDatas?.items ?? []
        }
    }

    private var extractedMakerCertificate: [UInt8] {
        switch structure {
        case .v1(let seal): return Array(seal.signInfo.cert.bytes)
        case .v4(let seal): return Array(seal.cert.bytes)
        }
    }

    private var extractedSignatureAlgorithm: ASN1ObjectIdentifier {
        switch structure {
        case .v1(let seal): return seal.signInfo.signatureAlgorithm
        case .v4(let seal): return seal.signAlgID
        }
    }

    private var extractedSignatureValue: ASN1BitString {
        switch structure {
        case .v1(let seal): return seal.signInfo.signData
        case .v4(let seal): return seal.signedValue
        }
    }

    private func extractedSignedMessage() throws -> ArraySlice<UInt8> {
        switch structure {
        case .v1(let seal): return try seal.signedMessage()[...]
        case .v4(let seal): return seal.eSealInfoBytes
        }
    }
}
