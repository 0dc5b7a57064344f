/// A seal's kind (印章类型) as stored and filed: `unit` (单位印章) or `personal` (个人印章) — the text form of
/// ``SealType``, used by the station's registry (`seal.kind`) and a filing's `filing.json`.
public enum SealKind: String, Codable, Sendable, CaseIterable {
    case unit, personal

    /// The kind an SES_Seal's type code means: 1 unit, anything else (2) personal.
    public init(typeCode: Int) {
        self = typeCode == 1 ? .unit : .personal
    }

    /// The kind of a seal of `type`.
    public init(_ type: SealType) {
        self = type == .unit ? .unit : .personal
    }

    /// The SES_Seal type code this kind is made with.
    public var sealType: SealType { self == .unit ? .unit : .personal }
}
