public import SealRegistry

/// What is shown about an officer in one role (`officer list`): never the passphrase hash.
public struct OfficerRow: Encodable, Sendable, Hashable {
    public var name: String
    /// administrator, approver, auditor or operator.
    public var role: String
    /// enabled or disabled.
    public var state: String
    /// Locked after too many wrong passphrases.
    public var locked: Bool
    public var failedAttempts: Int

    /// The row of `officer`.
    public init(_ officer: OfficerRecord) {
        name = officer.name
        role = officer.role.rawValue
        state = officer.disabled ? "disabled" : "enabled"
        locked = officer.locked
        failedAttempts = officer.failedAttempts
    }

    /// The column heads of a list of officers.
    public static let header = ["name", "role", "state", "locked"]
    /// The cells under ``header``.
    public var cells: [String] { [name, role, state, locked ? "yes" : "no"] }
}
