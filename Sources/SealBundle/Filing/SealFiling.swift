public import Foundation

/// The filing (备案) fields of one seal, `data/seals/<esID>/filing.json`: who it is for, what it shows, its state,
/// and the SM3 of every file filed with it. The rendered image is reproducible from `template` and the text fields
/// (`unitName`/`useName`/`holderName`/`physicalCode`) with the fonts the bundle's `rendering.json` names.
public struct SealFiling: Codable, Sendable, Equatable {
    /// 单位印章 or 个人印章.
    public enum Kind: String, Codable, Sendable {
        case unit, personal
    }

    public var esID: String
    /// The seal's row id in the issuing station's registry (audit records name seals by it: `seal:<id>`).
    public var stationSealID: Int64
    public var name: String
    public var kind: Kind
    public var template: String
    public var unitName: String
    /// 统一社会信用代码.
    public var creditCode: String
    public var useName: String?
    public var holderName: String?
    /// 公民身份号码 of a personal seal's holder.
    public var holderIDNumber: String?
    /// The physical seal's 13-digit code.
    public var physicalCode: String?
    /// issued, superseded or revoked.
    public var state: String
    public var validFrom: Date
    public var validTo: Date
    public var issuedAt: Date
    public var issuedBy: String
    public var approvedBy: String?
    /// For a change (变更): the esID of the seal this one replaces.
    public var replacesESID: String?
    public var revokedAt: Date?
    public var revokeReason: String?
    /// SM3 (hex) of `seal.sel`, `seal.png`, `seal.svg` and `holder-cert.der`.
    public var sealSM3: String
    public var pngSM3: String
    public var svgSM3: String
    public var holderCertificateSM3: String
    /// The resolution the PNG was rendered at.
    public var imageDPI: Double

    public init(esID: String, stationSealID: Int64, name: String, kind: Kind, template: String, unitName: String, creditCode: String, useName: String?, holderName: String?, holderIDNumber: String?, physicalCode: String?, state: String, validFrom: Date, validTo: Date, issuedAt: Date, issuedBy: String, approvedBy: String?, replacesESID: String?, revokedAt: Date?, revokeReason: String?, sealSM3: String, pngSM3: String, svgSM3: String, holderCertificateSM3: String, imageDPI: Double) {
        self.esID = esID
        self.stationSealID = stationSealID
        self.name = name
        self.kind = kind
        self.template = template
        self.unitName = unitName
        self.creditCode = creditCode
        self.useName = useName
        self.holderName = holderName
        self.holderIDNumber = holderIDNumber
        self.physicalCode = physicalCode
        self.state = state
        self.validFrom = validFrom
        self.validTo = validTo
        self.issuedAt = issuedAt
        self.issuedBy = issuedBy
        self.approvedBy = approvedBy
        self.replacesESID = replacesESID
        self.revokedAt = revokedAt
        self.revokeReason = revokeReason
        self.sealSM3 = sealSM3
        self.pngSM3 = pngSM3
        self.svgSM3 = svgSM3
        self.holderCertificateSM3 = holderCertificateSM3
        self.imageDPI = imageDPI
    }
}
