public import GRDB

/// A seal's kind (印章类型, GM/T 0031-2014): 单位印章 or 个人印章; stored in `seal.kind` (schema v6-seal-kind).
public enum SealKind: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case unit, personal

    /// The kind an SES_Seal's type code means: 1 unit, anything else (2) personal.
    public init(typeCode: Int) {
        self = typeCode == 1 ? .unit : .personal
    }
}
