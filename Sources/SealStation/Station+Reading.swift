public import Foundation
import SealAudit
public import SealCrypto
public import SealRegistry

extension Station {
    /// Signs officer `name` in to read the registry's personal data (applicants, holders, officers, uses): any role
    /// the officer holds may read. The read is audited (`registry.read`, with `what`), so who looked is on record.
    /// A wrong passphrase counts as with ``authenticate(_:role:passphrase:)``.
    /// - Throws: `officerNotFound`, `officerDisabled`, `officerLocked`, `wrongPassphrase` (with the attempts left).
    public func signInToRead(_ name: String, passphrase: SecretBytes, reading what: String, now: Date) throws -> OfficerRecord {
        let held = try database.officers(named: name).sorted { ($0.id ?? 0) < ($1.id ?? 0) }
        guard !held.isEmpty else { throw RegistryError.officerNotFound(name: name) }
        let action = "read \(what)"
        // A disabled officer is refused (and the refusal audited) by `authenticate`, before the lock is looked at.
        if held.contains(where: \.disabled) { _ = try authenticate(name, role: held[0].role, passphrase: passphrase, to: action) }
        let usable = held.filter { !$0.locked }
        guard let first = usable.first else { throw RegistryError.officerLocked(name: name) }
        // An officer holding two roles (one of the three and operator) may have a passphrase for each: sign in with
        // the role the passphrase is for, or count the failure against the first.
        var role = first.role
        if usable.count > 1, let matching = try usable.first(where: { try PasswordHash.verify(passphrase, against: $0.passphraseHash) }) {
            role = matching.role
        }
        let officer = try authenticate(name, role: role, passphrase: passphrase, to: action)
        try database.appendAudit("record a read", officer: name, action: .registryRead, object: .other(what), details: ["role": officer.role.rawValue], now: now)
        return officer
    }
}
