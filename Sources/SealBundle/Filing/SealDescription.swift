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

    public var esID: String
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
    /// The officer who issued it (every bundle names one; the online side keeps none for seals filed before it
    /// kept this field).
    public var issuedBy: String?
    public var approvedBy: String?
    /// For a change (变更): the esID of the seal this one replaces.
    public var replacesESID: String?
    public var revokedAt: Date?
    public var revokeReason: String?

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
