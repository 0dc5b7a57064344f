public import Foundation
public import GRDB

/// 三员分立 roles plus the operator.
public enum OfficerRole: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// 系统管理员: officers and station settings.
    case administrator
    /// 安全保密管理员 / 审批人: approves applications and uses.
    case approver
    /// 安全审计员: reads and verifies logs.
    case auditor
    /// 经办人: applies, issues, records uses.
    case operatorRole = "operator"

    /// 中文 name.
    public var chineseName: String {
        switch self {
        case .administrator: return "系统管理员"
        case .approver: return "安全保密管理员/审批人"
        case .auditor: return "安全审计员"
        case .operatorRole: return "经办人"
        }
    }

    /// The three roles no officer may combine.
    public static let separated: Set<OfficerRole> = [.administrator, .approver, .auditor]
}

/// An officer (table `officer`); one row per (name, role). A disabled officer (`officer disable`) cannot sign in
/// in any role until an administrator enables them again; the flag is kept on every row of the name.
public struct OfficerRecord: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "officer"
    public var id: Int64?
    public var name: String
    public var role: OfficerRole
    public var passphraseHash: String
    public var failedAttempts: Int
    public var locked: Bool
    public var createdAt: Date
    /// Set by `officer disable` (schema v5-officer-disabled).
    public var disabled: Bool

    public init(
        id: Int64? = nil, name: String, role: OfficerRole, passphraseHash: String, failedAttempts: Int, locked: Bool, createdAt: Date,
        disabled: Bool = false
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.passphraseHash = passphraseHash
        self.failedAttempts = failedAttempts
        self.locked = locked
        self.createdAt = createdAt
        self.disabled = disabled
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The table's columns.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let name = Column(CodingKeys.name)
        public static let role = Column(CodingKeys.role)
        public static let passphraseHash = Column(CodingKeys.passphraseHash)
        public static let failedAttempts = Column(CodingKeys.failedAttempts)
        public static let locked = Column(CodingKeys.locked)
        public static let disabled = Column(CodingKeys.disabled)
    }
}
