public import Foundation
import SealAudit
public import SealCrypto
public import SealRegistry

extension Station {
    /// Checks `passphrase` for officer `name` in `role`, for `action` (what the officer is signing in to do; it names
    /// the refusal in the audit log). A wrong passphrase counts; the fifth locks the officer. A disabled officer is
    /// refused in every role, and an officer who does not hold `role` is refused before the passphrase is checked;
    /// both refusals are audited (the refusal stands if recording it fails).
    /// - Throws: `officerNotFound`, `officerDisabled`, `roleNotAllowed`, `officerLocked`, `wrongPassphrase` (with the
    ///   attempts left).
    public func authenticate(_ name: String, role: OfficerRole, passphrase: SecretBytes, to action: String? = nil) throws -> OfficerRecord {
        let rows = try database.officers(named: name)
        if rows.isEmpty { throw RegistryError.officerNotFound(name: name) }
        let action = action ?? "sign in as \(role.chineseName)"
        if rows.contains(where: \.disabled) {
            recordRefusal(officer: name, action: .officerLoginRefused, details: [
                "action": action, "role": role.rawValue, "reason": "disabled",
            ])
            throw RegistryError.officerDisabled(name: name)
        }
        guard var officer = rows.first(where: { $0.role == role }) else {
            try refuseRole(name, held: rows.map(\.role), required: role, action: action, passphraseChecked: false)
        }
        if officer.locked { throw RegistryError.officerLocked(name: name) }
        if try PasswordHash.verify(passphrase, against: officer.passphraseHash) {
            if officer.failedAttempts > 0 {
                officer.failedAttempts = 0
                try database.resetFailedAttempts(officer)
            }
            return officer
        }
        officer.failedAttempts += 1
        officer.locked = officer.failedAttempts >= Self.maximumFailedAttempts
        // Only the counter and the lock: a disable made meanwhile by an administrator stays.
        try database.recordFailedAttempt(officer, role: role, now: Date())
        if officer.locked { throw RegistryError.officerLocked(name: name) }
        throw RegistryError.wrongPassphrase(officer: name, attemptsLeft: Self.maximumFailedAttempts - officer.failedAttempts)
    }

    /// The roles officer `name` holds (one passphrase each), in a stable order; empty for no such officer.
    public func roles(of name: String) throws -> [OfficerRole] {
        try database.officers(named: name).map(\.role)
    }

    /// Adds an officer in `role` (administrators only). No officer may hold two of administrator, approver and
    /// auditor. The passphrase must meet `OfficerPassphraseRule`.
    public func addOfficer(by administrator: OfficerRecord, name: String, role: OfficerRole, passphrase: SecretBytes, now: Date) throws -> OfficerRecord {
        try require(administrator, .administrator, to: "add officers")
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw RegistryError.invalidInput(field: "officer name", reason: "empty")
        }
        try OfficerPassphraseRule.check(passphrase, officer: name)
        let hash = try PasswordHash.make(passphrase)
        return try database.addOfficer(name: name, role: role, passphraseHash: hash, by: administrator.name, now: now)
    }

    /// Changes officer `name`'s own passphrase in `role`: `old` is checked as at sign-in (a wrong one counts toward
    /// the lock; a disabled or locked officer is refused), `new` must meet `OfficerPassphraseRule` and differ from
    /// `old`. Audited as `officer.passwd`.
    /// - Throws: the errors of `authenticate`, `passphraseTooShort`, `passphraseContainsName`, `passphraseUnchanged`.
    @discardableResult
    public func changePassphrase(of name: String, role: OfficerRole, old: SecretBytes, new: SecretBytes, now: Date) throws -> OfficerRecord {
        var officer = try authenticate(name, role: role, passphrase: old, to: "change their passphrase")
        try OfficerPassphraseRule.check(new, officer: name)
        guard !new.isEqual(to: old) else { throw RegistryError.passphraseUnchanged(officer: name) }
        officer.passphraseHash = try PasswordHash.make(new)
        try database.changePassphrase(officer, now: now)
        return officer
    }

    /// Disables officer `name` in every role they hold (administrators only): they cannot sign in until enabled
    /// again. The last enabled administrator who can sign in (not locked) cannot be disabled. Audited as
    /// `officer.disable`.
    /// - Throws: `officerNotFound`, `invalidTransition` (already disabled), `lastAdministrator`.
    public func disableOfficer(by administrator: OfficerRecord, name: String, now: Date) throws {
        try require(administrator, .administrator, to: "disable officers")
        try setDisabled(true, name: name, by: administrator, now: now)
    }

    /// Enables a disabled officer again (administrators only). Audited as `officer.enable`.
    /// - Throws: `officerNotFound`, `invalidTransition` (not disabled).
    public func enableOfficer(by administrator: OfficerRecord, name: String, now: Date) throws {
        try require(administrator, .administrator, to: "enable officers")
        try setDisabled(false, name: name, by: administrator, now: now)
    }

    private func setDisabled(_ disabled: Bool, name: String, by administrator: OfficerRecord, now: Date) throws {
        try database.setOfficerDisabled(disabled, name: name, by: administrator.name, now: now)
    }

    /// Unlocks a locked officer (administrators only).
    public func unlockOfficer(by administrator: OfficerRecord, name: String) throws {
        try require(administrator, .administrator, to: "unlock officers")
        try database.unlockOfficer(name: name, by: administrator.name, now: Date())
    }

    /// Every officer.
    public func officers() throws -> [OfficerRecord] {
        try database.officers()
    }

    /// Refuses (and audits) `officer` for `action` unless they act in `role`.
    func require(_ officer: OfficerRecord, _ role: OfficerRole, to action: String) throws {
        guard officer.role == role else {
            try refuseRole(officer.name, held: [officer.role], required: role, action: action, passphraseChecked: true)
        }
    }

    /// Records `officer.role-refused` (officer, attempted action, required and held roles, and whether the officer
    /// had signed in) and throws `roleNotAllowed`. The refusal stands whether or not it could be recorded.
    private func refuseRole(_ name: String, held: [OfficerRole], required: OfficerRole, action: String, passphraseChecked: Bool) throws -> Never {
        recordRefusal(officer: name, action: .officerRoleRefused, details: [
            "action": action, "requiredRole": required.rawValue, "heldRoles": held.map(\.rawValue).joined(separator: ","),
            "signedIn": passphraseChecked ? "yes" : "no (refused before the passphrase was checked)",
        ])
        throw RegistryError.roleNotAllowed(
            officer: name, role: held.map(\.chineseName).joined(separator: ", "), action: action, required: required.chineseName)
    }

    /// Appends a refusal to the audit log in its own transaction; a failure to record it (a busy or read-only
    /// registry) is ignored, so the caller's refusal is thrown either way.
    private func recordRefusal(officer: String, action: AuditAction, details: [String: String]) {
        _ = try? database.appendAudit("record the refusal", officer: officer, action: action, object: .officer(name: officer), details: details, now: Date())
    }
}
