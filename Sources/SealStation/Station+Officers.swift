public import Foundation
import GRDB
public import SealCrypto
public import SealRegistry

extension Station {
    /// Checks `passphrase` for officer `name` in `role`. A wrong passphrase counts; the fifth locks the officer.
    /// - Throws: `officerNotFound`, `officerLocked`, `wrongPassphrase` (with the attempts left).
    public func authenticate(_ name: String, role: OfficerRole, passphrase: SecretBytes) throws -> OfficerRecord {
        guard var officer = try read({ db in
            try OfficerRecord.filter(Column("name") == name && Column("role") == role.rawValue).fetchOne(db)
        }) else {
            let roles = try read { db in try OfficerRecord.filter(Column("name") == name).fetchAll(db) }.map(\.role)
            if roles.isEmpty { throw RegistryError.officerNotFound(name: name) }
            throw RegistryError.roleNotAllowed(
                officer: name, role: roles.map(\.chineseName).joined(separator: ", "), action: "act as \(role.chineseName)")
        }
        if officer.locked { throw RegistryError.officerLocked(name: name) }
        if try PasswordHash.verify(passphrase, against: officer.passphraseHash) {
            if officer.failedAttempts > 0 {
                officer.failedAttempts = 0
                try transaction("reset failed attempts") { db in try officer.update(db) }
            }
            return officer
        }
        officer.failedAttempts += 1
        officer.locked = officer.failedAttempts >= Self.maximumFailedAttempts
        let record = officer
        try transaction("count a failed attempt") { db in
            try record.update(db)
            try AuditLog.append(db, officer: name, action: record.locked ? "officer.locked" : "officer.login-failed",
                                object: "officer:\(name)", details: ["role": role.rawValue, "failedAttempts": String(record.failedAttempts)],
                                now: Date())
        }
        if officer.locked { throw RegistryError.officerLocked(name: name) }
        throw RegistryError.wrongPassphrase(officer: name, attemptsLeft: Self.maximumFailedAttempts - officer.failedAttempts)
    }

    /// Adds an officer in `role` (administrators only). No officer may hold two of administrator, approver and
    /// auditor.
    public func addOfficer(by administrator: OfficerRecord, name: String, role: OfficerRole, passphrase: SecretBytes, now: Date) throws -> OfficerRecord {
        guard administrator.role == .administrator else {
            throw RegistryError.roleNotAllowed(officer: administrator.name, role: administrator.role.chineseName, action: "add officers")
        }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw RegistryError.invalidInput(field: "officer name", reason: "empty")
        }
        let hash = try PasswordHash.make(passphrase)
        return try transaction("add officer") { db in
            let held = try OfficerRecord.filter(Column("name") == name).fetchAll(db).map(\.role)
            if held.contains(role) { throw RegistryError.officerExists(name: name) }
            if OfficerRole.separated.contains(role), let conflict = held.first(where: { OfficerRole.separated.contains($0) }) {
                throw RegistryError.conflictingRoles(officer: name, held: conflict.chineseName, requested: role.chineseName)
            }
            var officer = OfficerRecord(id: nil, name: name, role: role, passphraseHash: hash, failedAttempts: 0, locked: false, createdAt: now)
            try officer.insert(db)
            try AuditLog.append(db, officer: administrator.name, action: "officer.add", object: "officer:\(name)", details: ["role": role.rawValue], now: now)
            return officer
        }
    }

    /// Unlocks a locked officer (administrators only).
    public func unlockOfficer(by administrator: OfficerRecord, name: String) throws {
        guard administrator.role == .administrator else {
            throw RegistryError.roleNotAllowed(officer: administrator.name, role: administrator.role.chineseName, action: "unlock officers")
        }
        try transaction("unlock officer") { db in
            let count = try OfficerRecord.filter(Column("name") == name).updateAll(db, Column("locked").set(to: false), Column("failedAttempts").set(to: 0))
            if count == 0 { throw RegistryError.officerNotFound(name: name) }
            try AuditLog.append(db, officer: administrator.name, action: "officer.unlock", object: "officer:\(name)", now: Date())
        }
    }

    /// Every officer.
    public func officers() throws -> [OfficerRecord] {
        try read { db in try OfficerRecord.order(Column("name"), Column("role")).fetchAll(db) }
    }

    func require(_ officer: OfficerRecord, _ role: OfficerRole, to action: String) throws {
        guard officer.role == role else {
            throw RegistryError.roleNotAllowed(officer: officer.name, role: officer.role.chineseName, action: action)
        }
    }
}
