import Foundation
import SealSQLite

/// Refusals and failures of the registry. Every refusal leaves the registry unchanged.
public enum RegistryError: Error, Equatable, Sendable {
    case stationExists(path: String)
    case stationNotFound(path: String)
    case officerExists(name: String)
    case officerNotFound(name: String)
    case wrongPassphrase(officer: String, attemptsLeft: Int)
    case officerLocked(name: String)
    /// The officer was disabled by an administrator and cannot sign in.
    case officerDisabled(name: String)
    /// Disabling `name` would leave no enabled administrator who can sign in.
    case lastAdministrator(name: String)
    /// A new officer passphrase is shorter than the rule's minimum (counted in characters).
    case passphraseTooShort(officer: String, characters: Int, minimum: Int)
    /// A new officer passphrase contains the officer's name (case-insensitively).
    case passphraseContainsName(officer: String)
    /// `officer passwd` was given the old passphrase again as the new one.
    case passphraseUnchanged(officer: String)
    /// `officer` holds `role` (names of the roles held) and may not do `action`, which needs `required`; the refusal
    /// is audited (`officer.role-refused`).
    case roleNotAllowed(officer: String, role: String, action: String, required: String)
    case conflictingRoles(officer: String, held: String, requested: String)
    case selfApproval(officer: String)
    case applicationNotFound(id: Int64)
    case sealNotFound(id: Int64)
    case useRequestNotFound(id: Int64)
    case invalidTransition(object: String, from: String, action: String)
    case noApprovedUse(sealID: Int64)
    case useCountExhausted(requestID: Int64, approved: Int, used: Int)
    case invalidInput(field: String, reason: String)
    case database(operation: String, reason: String)
    /// A stored value fails its check (a 统一社会信用代码 that fails GB 32100, an unknown custody…): the registry was
    /// damaged or edited outside the station. `id` is the row's id.
    case damagedValue(table: String, id: Int64, column: String, value: String, reason: String)
    /// The registry was written by a newer SealStation (it has migrations this program does not know); it is left
    /// untouched.
    case schemaNewer(path: String, unknownMigrations: [String])
    /// A file of the station's data (a seal template, the vendor profile file) differs from the SM3 the station
    /// pinned, or was never pinned.
    case pinnedDataChanged(item: String, path: String, pinned: String?, found: String)
}

extension RegistryError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .stationExists(let path): return "a station already exists at \(path); refusing to overwrite it"
        case .stationNotFound(let path): return "no station at \(path); run `sealstation init` first (or give --db / SEALSTATION_DB)"
        case .officerExists(let name): return "an officer named \(name) exists already"
        case .officerNotFound(let name): return "no officer named \(name)"
        case .wrongPassphrase(let officer, let left):
            return "wrong passphrase for \(officer); \(left) attempt\(left == 1 ? "" : "s") left before the officer is locked"
        case .officerLocked(let name): return "officer \(name) is locked after 5 wrong passphrases; an administrator must unlock"
        case .officerDisabled(let name):
            return "officer \(name) is disabled and cannot sign in; an administrator can enable them again (`sealstation officer enable`)"
        case .lastAdministrator(let name):
            return "\(name) is the last enabled administrator who can sign in; refusing to disable them (enable or unlock another "
                + "administrator, or add one, first)"
        case .passphraseTooShort(let officer, let characters, let minimum):
            return "the new passphrase for \(officer) has \(characters) character\(characters == 1 ? "" : "s"); at least \(minimum) are required"
        case .passphraseContainsName(let officer):
            return "the new passphrase for \(officer) contains the officer's name; choose one that does not"
        case .passphraseUnchanged(let officer):
            return "the new passphrase for \(officer) is the old one; choose a different one"
        case .roleNotAllowed(let officer, let role, let action, let required):
            return "\(officer) is \(role) and may not \(action); that needs \(required)"
        case .conflictingRoles(let officer, let held, let requested):
            return "\(officer) already holds \(held); 三员分立 forbids also holding \(requested)"
        case .selfApproval(let officer): return "\(officer) applied for this and may not also approve it"
        case .applicationNotFound(let id): return "no application \(id)"
        case .sealNotFound(let id): return "no seal \(id)"
        case .useRequestNotFound(let id): return "no use request \(id)"
        case .invalidTransition(let object, let from, let action): return "\(object) is \(from); it cannot be \(action)"
        case .noApprovedUse(let id): return "seal \(id) has no approved use request with uses left (第八条: use needs approval)"
        case .useCountExhausted(let id, let approved, let used):
            return "use request \(id) approved \(approved) use\(approved == 1 ? "" : "s") and \(used) are used"
        case .invalidInput(let field, let reason): return "\(field): \(reason)"
        case .database(let operation, let reason): return "registry \(operation) failed: \(reason)"
        case .damagedValue(let table, let id, let column, let value, let reason):
            return "the registry is damaged: \(table) \(id) has \(column) \"\(value)\", which fails its check (\(reason)); "
                + "restore the registry from a backup"
        case .schemaNewer(let path, let unknown):
            return "the registry \(path) was written by a newer SealStation (schema \(unknown.joined(separator: ", ")) is unknown "
                + "to this version); install that version or newer — the registry was left untouched"
        case .pinnedDataChanged(let item, let path, let pinned, let found):
            if let pinned {
                return "\(item) (\(path)) has SM3 \(found), not the \(pinned) the station pinned; refusing to use it — restore the "
                    + "file, or have an administrator accept the change with `sealstation templates pin`"
            }
            return "\(item) (\(path)) is not pinned by this station; an administrator must accept it with `sealstation templates pin`"
        }
    }
}

extension RegistryError {
    /// The registry's error for a failure to open, back up or migrate its file.
    init(_ error: MigratedDatabaseError) {
        switch error {
        case .database(let operation, let reason): self = .database(operation: operation, reason: reason)
        case .schemaNewer(let path, let unknown): self = .schemaNewer(path: path, unknownMigrations: unknown)
        }
    }
}
