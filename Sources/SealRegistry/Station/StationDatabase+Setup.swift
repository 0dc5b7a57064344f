public import Foundation
import GRDB
public import SealAudit

/// The station's own facts: its name and organisation (table `setting`), and the first administrator.
extension StationDatabase {
    /// Records a new station: its name and organisation, the first administrator (with the hash of their
    /// passphrase), the `station.init` and `officer.add` audit records (with `details` for `station.init`) and the
    /// first pins of its data — one transaction.
    public func createStation(
        name: String, organization: String, administrator: String, passphraseHash: String, details: [String: String],
        pins: [StationDataFile], now: Date
    ) throws {
        try write("create the station") { db in
            try db.execute(sql: "INSERT INTO setting(key, value) VALUES ('station.name', ?), ('station.organization', ?)",
                           arguments: [name, organization])
            var admin = OfficerRecord(
                id: nil, name: administrator, role: .administrator, passphraseHash: passphraseHash, failedAttempts: 0, locked: false,
                createdAt: now)
            try admin.insert(db)
            try AuditLog.append(db, officer: administrator, action: .stationInit, object: .station,
                                details: ["name": name, "organization": organization].merging(details) { first, _ in first }, now: now)
            try AuditLog.append(db, officer: administrator, action: .officerAdd, object: .officer(name: administrator),
                                details: ["role": OfficerRole.administrator.rawValue], now: now)
            try Self.pin(pins, in: db, officer: administrator, reason: "station created", now: now)
        }
    }

    /// The station's name and organisation as recorded by `init` (empty when missing).
    public func stationNames() throws -> (name: String, organization: String) {
        try read("read the station's name") { db in try Self.stationNames(db) }
    }

    static func stationNames(_ db: Database) throws -> (name: String, organization: String) {
        (try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'station.name'") ?? "",
         try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'station.organization'") ?? "")
    }

    /// Appends one audit record in its own transaction (`operation` names it in a failure).
    @discardableResult
    public func appendAudit(
        _ operation: String, officer: String, action: AuditAction, object: AuditObject, details: [String: String] = [:], now: Date
    ) throws -> AuditRecord {
        try write(operation) { db in
            try AuditLog.append(db, officer: officer, action: action, object: object, details: details, now: now)
        }
    }
}
