/// 印章类型: GM/T 0031-2014 defines 1 单位印章 and 2 个人印章; GB/T 38540 leaves the value to the business, and
/// SealStation keeps the 2014 meaning.
public enum SealType: Int, Sendable, Codable, CaseIterable {
    /// 单位印章 (法定名称章, 合同/财务/发票/… 专用章).
    case unit = 1
    /// 个人印章 (法定代表人 and other post seals, personal name seals).
    case personal = 2

    /// 中文 name.
    public var chineseName: String { self == .unit ? "单位印章" : "个人印章" }
}
