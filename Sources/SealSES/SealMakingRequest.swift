public import Foundation
public import SealASN1
public import SealCrypto

/// What a new GB/T 38540 seal is made from.
public struct SealMakingRequest: Sendable {
    /// 厂商标识 (SES_Header.Vid), ASCII.
    public var vendorID: String
    /// 电子印章标识, ASCII; unique per seal.
    public var esID: String
    /// 印章类型.
    public var type: SealType
    /// 印章名称, as filed (UTF-8).
    public var name: String
    /// The certificates of the holders allowed to sign with the seal.
    public var holders: [Certificate]
    /// List holders by SM3 digest (certListType 2) instead of by certificate (certListType 1).
    public var listHoldersByDigest: Bool
    /// 印章制作时间.
    public var createDate: Date
    /// 有效起始时间.
    public var validStart: Date
    /// 有效终止时间.
    public var validEnd: Date
    /// The picture (PNG or SVG) and its size in millimetres.
    public var picture: SealPicture
    /// 自定义数据.
    public var extensions: [ExtData]

    /// The vendor ID SealStation writes.
    public static let defaultVendorID = "SealStation"

    public init(
        vendorID: String = SealMakingRequest.defaultVendorID, esID: String, type: SealType, name: String,
        holders: [Certificate], listHoldersByDigest: Bool = false, createDate: Date, validStart: Date, validEnd: Date,
        picture: SealPicture, extensions: [ExtData] = []
    ) {
        self.vendorID = vendorID
        self.esID = esID
        self.type = type
        self.name = name
        self.holders = holders
        self.listHoldersByDigest = listHoldersByDigest
        self.createDate = createDate
        self.validStart = validStart
        self.validEnd = validEnd
        self.picture = picture
        self.extensions = extensions
    }

    /// A fresh esID: 32 hexadecimal digits from the CSPRNG (registries assign their own codes).
    public static func randomESID() throws -> String {
        Hex.encode(try SecureRandom.bytes(count: 16))
    }
}
