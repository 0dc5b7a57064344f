/// GB/T 38540-2020 《信息安全技术 安全电子签章密码技术规范》 structures ("v4": SES_Header.version 4).
/// GM/T 0031-2025 ("v5") has the same shape plus an optional time-stamp on the seal; it is read as v4.
public enum SESv4 {}

/// GM/T 0031-2014 《安全电子签章密码技术规范》 structures ("v1"), read for seals made by other systems.
public enum SESv1 {}

/// Where a reader accepted something the standard does not say but real producers write, with an unambiguous
/// meaning. Verification reports list these.
public struct SESDeviation: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Which structure and field.
    public var field: String
    /// What was found instead of the standard form.
    public var detail: String

    public init(field: String, detail: String) {
        self.field = field
        self.detail = detail
    }

    public var description: String { "\(field): \(detail)" }
}
