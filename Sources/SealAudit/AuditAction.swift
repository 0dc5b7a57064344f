/// What an audit record records. The raw value is the name stored in the chain; names are never changed or reused,
/// since filed chains hold them.
public enum AuditAction: String, Sendable, Codable, CaseIterable {
    // The station.
    case stationInit = "station.init"
    /// An upgrade made loose station files owner-only.
    case stationModes = "station.modes"
    case dataPin = "data.pin"
    /// A template or vendor profile whose bytes differ from their pin was refused.
    case dataRefuse = "data.refuse"
    case backupCreate = "backup.create"
    case bundleExport = "bundle.export"
    case auditCheckpoint = "audit.checkpoint"
    /// The station CA issued a CRL (`crl:<number>`; details: number, entries, sm3, thisUpdate, nextUpdate).
    case crlIssue = "crl.issue"
    /// The seal-maker certificate was revoked and a new maker key and certificate issued (details: old and new SM3,
    /// reason).
    case makerRenew = "maker.renew"
    /// An officer read the registry (list, show, query, use log…).
    case registryRead = "registry.read"

    // Officers.
    case officerAdd = "officer.add"
    case officerPasswd = "officer.passwd"
    case officerDisable = "officer.disable"
    case officerEnable = "officer.enable"
    case officerUnlock = "officer.unlock"
    case officerLocked = "officer.locked"
    case officerLoginFailed = "officer.login-failed"
    case officerLoginRefused = "officer.login-refused"
    case officerRoleRefused = "officer.role-refused"

    // 申请, 审批.
    case applicationApply = "application.apply"
    /// An application to change (变更) an issued seal.
    case applicationChange = "application.change"
    case applicationApprove = "application.approve"
    case applicationReject = "application.reject"

    // 制作, 变更, 注销.
    case sealIssue = "seal.issue"
    case sealSupersede = "seal.supersede"
    case sealRevoke = "seal.revoke"

    // 使用管理.
    case useRequest = "use.request"
    case useApprove = "use.approve"
    case useSign = "use.sign"
}
