public import Foundation
public import SealSES

/// What a filing says about one seal — who it is for, what it shows, who issued and approved it, its state — as one
/// value carried from the station's record to the bundle's `filing.json` (``SealFiling``) and to the online side's
/// record of it, instead of the same twenty fields copied by hand at each step.
///
/// Its coding keys are the `filing.json` keys (and the online columns): a ``SealFiling`` encodes it flattened into
/// the same object, so bundles written before this type existed read unchanged.
public struct SealDescription: Codable, Sendable, Equatable {
    /// 单位印章 or 个人印章.
    public typealias Kind = SealKind

    /// The seal's 印章编码 in the SES_Seal (esID): region digits of the credit code and the station's number.
    public var esID: String
    /// The seal's name, as the SES_Seal carries it.
    public var name: String
    /// 单位印章 or 个人印章.
    public var kind: Kind
    /// The template id it was drawn with.
    public var template: String
    /// 单位名称.
    public var unitName: String
    /// 统一社会信用代码.
    public var creditCode: String
    /// The use line of a 专用章.
    public var useName: String?
    /// A personal or post seal's holder.
    public var holderName: String?
    /// 公民身份号码 of a personal seal's holder.
    public var holderIDNumber: String?
    /// The physical seal's 13-digit code.
    public var physicalCode: String?
    /// issued, superseded or revoked.
    public var state: String
    /// Start of validity.
    public var validFrom: Date
    /// End of validity.
    public var validTo: Date
    /// When it was issued (制作).
    public var issuedAt: Date
    /// The officer who issued it (every bundle names one; the online side keeps none for seals filed before it
    /// kept this field).
    public var issuedBy: String?
    /// The officer who approved the application (审批).
    public var approvedBy: String?
    /// For a change (变更): the esID of the seal this one replaces.
    public var replacesESID: String?
    /// When it was revoked (注销).
    public var revokedAt: Date?
    /// Why it was revoked.
    public var revokeReason: String?

    /// A description with these fields.
    public init(
        esID: String, name: String, kind: Kind, template: String, unitName: String, creditCode: String, useName: String? = nil,
        holderName: String? = nil, holderIDNumber: String? = nil, physicalCode: String? = nil, state: String, validFrom: Date,
        validTo: Date, issuedAt: Date, issuedBy: String?, approvedBy: String? = nil, replacesESID: String? = nil, revokedAt: Date? = nil,
        revokeReason: String? = nil
    ) {
        self.esID = esID
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
    }
}
