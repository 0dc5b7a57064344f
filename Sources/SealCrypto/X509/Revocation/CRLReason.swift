/// Why a certificate was revoked: the CRLReason codes of RFC 5280 §5.3.1 (code 7 is unused there).
public enum CRLReason: Int, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case unspecified = 0
    case keyCompromise = 1
    case cACompromise = 2
    case affiliationChanged = 3
    /// A changed (变更) seal's certificate, replaced by the new seal's.
    case superseded = 4
    /// A revoked (注销) seal's certificate.
    case cessationOfOperation = 5
    case certificateHold = 6
    /// Only in delta CRLs: a certificate on hold is released.
    case removeFromCRL = 8
    case privilegeWithdrawn = 9
    case aACompromise = 10

    /// The RFC 5280 name ("keyCompromise", …), as `openssl crl -text` prints it in words.
    public var name: String {
        switch self {
        case .unspecified: return "unspecified"
        case .keyCompromise: return "keyCompromise"
        case .cACompromise: return "cACompromise"
        case .affiliationChanged: return "affiliationChanged"
        case .superseded: return "superseded"
        case .cessationOfOperation: return "cessationOfOperation"
        case .certificateHold: return "certificateHold"
        case .removeFromCRL: return "removeFromCRL"
        case .privilegeWithdrawn: return "privilegeWithdrawn"
        case .aACompromise: return "aACompromise"
        }
    }

    /// The reason for `name` (the RFC 5280 name, case-insensitive, or the code as digits).
    public init?(name: String) {
        if let code = Int(name), let reason = CRLReason(rawValue: code) {
            self = reason
            return
        }
        guard let match = Self.allCases.first(where: { $0.name.lowercased() == name.lowercased() }) else { return nil }
        self = match
    }

    /// 中文 name for officers.
    public var chineseName: String {
        switch self {
        case .unspecified: return "未说明"
        case .keyCompromise: return "密钥泄露"
        case .cACompromise: return "CA 密钥泄露"
        case .affiliationChanged: return "隶属关系变更"
        case .superseded: return "已被替换（变更）"
        case .cessationOfOperation: return "停止使用（注销）"
        case .certificateHold: return "暂停"
        case .removeFromCRL: return "解除暂停"
        case .privilegeWithdrawn: return "权限撤销"
        case .aACompromise: return "属性机构密钥泄露"
        }
    }

    /// Whether the reason says the key may be in other hands, so that no time a signer claims can be trusted.
    public var isCompromise: Bool { [.keyCompromise, .cACompromise, .aACompromise].contains(self) }

    public var description: String { name }
}
