public import Foundation
import GRDB
import SealAudit

/// Officers (三员分立 and operators): sign-in counters, roles, passphrases, disabling.
extension StationDatabase {
    /// Every row (one per role) of officer `name`, in role order; empty for no such officer.
    public func officers(named name: String) throws -> [OfficerRecord] {
        try read("read officer \(name)") { db in
            try OfficerRecord.filter(OfficerRecord.Columns.name == name).order(OfficerRecord.Columns.role).fetchAll(db)
        }
    }

    /// Every officer, by name and role.
    public func officers() throws -> [OfficerRecord] {
        try read("read officers") { db in try OfficerRecord.order(OfficerRecord.Columns.name, OfficerRecord.Columns.role).fetchAll(db) }
    }

    static func officerNames(_ db: Database) throws -> [Int64: String] {
        var names: [Int64: String] = [:]
        for officer in try OfficerRecord.fetchAll(db) { names[officer.id!] = officer.name }
        return names
    }

    /// Clears the failed-attempt counter of `officer`'s row after a correct passphrase.
    public func resetFailedAttempts(_ officer: OfficerRecord) throws {
        try write("reset failed attempts") { db in
            _ = try OfficerRecord.filter(key: officer.id).updateAll(db, OfficerRecord.Columns.failedAttempts.set(to: 0))
        }
    }

    /// Records a wrong passphrase: `officer`'s counter and lock as given (a disable made meanwhile stays), and the
    /// `officer.login-failed` (or `officer.locked`) audit record.
    public func recordFailedAttempt(_ officer: OfficerRecord, role: OfficerRole, now: Date) throws {
        try write("count a failed attempt") { db in
            _ = try OfficerRecord.filter(key: officer.id).updateAll(
                db, OfficerRecord.Columns.failedAttempts.set(to: officer.failedAttempts), OfficerRecord.Columns.locked.set(to: officer.locked))
            try AuditLog.append(db, officer: officer.name, action: officer.locked ? .officerLocked : .officerLoginFailed,
                                object: .officer(name: officer.name),
                                details: ["role": role.rawValue, "failedAttempts": String(officer.failedAttempts)], now: now)
        }
    }

    /// Adds officer `name` in `role` (audited as `officer.add` by `administrator`). No officer may hold two of
    /// administrator, approver and auditor; a new role of a disabled officer is disabled too.
    /// - Throws: `officerExists`, `conflictingRoles`.
    public func addOfficer(name: String, role: OfficerRole, passphraseHash: String, by administrator: String, now: Date) throws -> OfficerRecord {
        try write("add officer") { db in
            let existing = try OfficerRecord.filter(OfficerRecord.Columns.name == name).fetchAll(db)
            let held = existing.map(\.role)
            if held.contains(role) { throw RegistryError.officerExists(name: name) }
            if OfficerRole.separated.contains(role), let conflict = held.first(where: { OfficerRole.separated.contains($0) }) {
                throw RegistryError.conflictingRoles(officer: name, held: conflict.chineseName, requested: role.chineseName)
            }
            // The flag is the person's, not the role's.
            var officer = OfficerRecord(
                id: nil, name: name, role: role, passphraseHash: passphraseHash, failedAttempts: 0, locked: false, createdAt: now,
                disabled: existing.contains(where: \.disabled))
            try officer.insert(db)
            try AuditLog.append(db, officer: administrator, action: .officerAdd, object: .officer(name: name), details: ["role": role.rawValue], now: now)
            return officer
        }
    }

    /// Stores `officer`'s new passphrase hash (audited as `officer.passwd`).
    public func changePassphrase(_ officer: OfficerRecord, now: Date) throws {
        try write("change passphrase") { db in
            _ = try OfficerRecord.filter(key: officer.id).updateAll(db, OfficerRecord.Columns.passphraseHash.set(to: officer.passphraseHash))
            try AuditLog.append(db, officer: officer.name, action: .officerPasswd, object: .officer(name: officer.name),
                                details: ["role": officer.role.rawValue], now: now)
        }
    }

    /// Disables (or enables) officer `name` in every role (audited as `officer.disable`/`officer.enable` by
    /// `administrator`). The last enabled administrator who can sign in (not locked) cannot be disabled.
    /// - Throws: `officerNotFound`, `invalidTransition`, `lastAdministrator`.
    public func setOfficerDisabled(_ disabled: Bool, name: String, by administrator: String, now: Date) throws {
        try write(disabled ? "disable officer" : "enable officer") { db in
            let rows = try OfficerRecord.filter(OfficerRecord.Columns.name == name).order(OfficerRecord.Columns.role).fetchAll(db)
            if rows.isEmpty { throw RegistryError.officerNotFound(name: name) }
            guard rows.contains(where: { $0.disabled != disabled }) else {
                throw RegistryError.invalidTransition(
                    object: "officer \(name)", from: disabled ? "disabled" : "enabled", action: disabled ? "disabled" : "enabled")
            }
            if disabled, rows.contains(where: { $0.role == .administrator }) {
                let others = try OfficerRecord.filter(
                    OfficerRecord.Columns.role == OfficerRole.administrator.rawValue && OfficerRecord.Columns.name != name
                        && OfficerRecord.Columns.disabled == false && OfficerRecord.Columns.locked == false
                ).fetchCount(db)
                if others == 0 { throw RegistryError.lastAdministrator(name: name) }
            }
            try OfficerRecord.filter(OfficerRecord.Columns.name == name).updateAll(db, OfficerRecord.Columns.disabled.set(to: disabled))
            try AuditLog.append(db, officer: administrator, action: disabled ? .officerDisable : .officerEnable,
                                object: .officer(name: name), details: ["roles": rows.map(\.role.rawValue).joined(separator: ",")], now: now)
        }
    }

    /// Unlocks officer `name` in every role and clears the counter (audited as `officer.unlock` by `administrator`).
    /// - Throws: `officerNotFound`.
    public func unlockOfficer(name: String, by administrator: String, now: Date) throws {
        try write("unlock officer") { db in
            let count = try OfficerRecord.filter(OfficerRecord.Columns.name == name)
                .updateAll(db, OfficerRecord.Columns.locked.set(to: false), OfficerRecord.Columns.failedAttempts.set(to: 0))
            if count == 0 { throw RegistryError.officerNotFound(name: name) }
            try AuditLog.append(db, officer: administrator, action: .officerUnlock, object: .officer(name: name), now: now)
        }
    }
}
