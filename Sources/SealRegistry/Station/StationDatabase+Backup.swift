public import Foundation
import GRDB
import SealAudit
public import SealCrypto

/// Backups: a consistent snapshot of the registry that carries its own audit record and checkpoint.
extension StationDatabase {
    /// Copies the registry into `snapshotPath` (an empty file; VACUUM INTO), then in one transaction — refused if the
    /// registry changed meanwhile — records `backup.create` by `officer` naming `fileName`, signs checkpoints with
    /// `caKey`, adds that record and those checkpoints to the snapshot, and calls `stage` with the station's name and
    /// the new audit head last: the station builds and commits the backup's files there, so nothing is recorded if a
    /// file fails.
    public func backUp(
        into snapshotPath: String, by officer: String, fileName: String, caKey: any MessageSigner, now: Date,
        stage: (_ stationName: String, _ auditHead: Int64) throws -> Void
    ) throws {
        try writeWithoutTransaction("backup") { db in
            let version = try Int.fetchOne(db, sql: "PRAGMA data_version")
            try db.execute(sql: "VACUUM INTO ?", arguments: [snapshotPath])
            try db.inTransaction(.immediate) {
                guard try Int.fetchOne(db, sql: "PRAGMA data_version") == version else {
                    throw RegistryError.database(operation: "backup", reason: "the registry changed while it was copied; run the backup again")
                }
                let record = try AuditLog.append(db, officer: officer, action: .backupCreate, object: .backup, details: ["file": fileName], now: now)
                let checkpoints = try AuditLog.signCheckpoints(db, caKey: caKey, reason: "backup", now: now, includeHead: true)
                let stationName = try Self.stationNames(db).name
                let copy = try DatabaseQueue(path: snapshotPath)
                try copy.write { snapshotDB in
                    try record.insert(snapshotDB)
                    for var checkpoint in checkpoints { try checkpoint.insert(snapshotDB) }
                }
                try copy.close()
                try stage(stationName, record.seq)
                return .commit
            }
        }
    }
}
