public import Foundation
public import GRDB
import SealPKI

/// How SealStation opens its SQLite files, station registry and filing registry alike: a WAL pool with foreign keys
/// and a five-second busy timeout, migrated on open; failures are `MigratedDatabaseError`s naming the file.
///
/// Upgrades: a registry written by a newer program (it has migrations this one does not know) is refused and left
/// as it is; one written by an older program is first copied beside itself (`<file>.before-<migration>-<time>`,
/// 0600, through SQLite's online backup so the copy is consistent), then migrated.
///
/// Modes: a new registry file is created empty and 0600 before SQLite opens it, and SQLite gives its journal, WAL
/// and shared-memory files the database file's mode, so none of them is ever readable by others, whatever the umask.
public enum MigratedDatabasePool {
    /// Opens `path`; returns the pool and, when this open migrated a registry an older version wrote, the last
    /// migration it had.
    public static func open(path: String, migrator: DatabaseMigrator, now: Date = Date()) throws -> (pool: DatabasePool, upgradedFrom: String?) {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        let pool: DatabasePool
        let applied: [String]
        if !FileManager.default.fileExists(atPath: path) {
            do {
                try ProtectedFile.createEmpty(path)
            } catch {
                throw MigratedDatabaseError.database(operation: "create \(path)", reason: "\(error)")
            }
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            let unknown: [String]
            (applied, unknown) = try pool.read { db in
                (try migrator.appliedMigrations(db), try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).sorted())
            }
            if !unknown.isEmpty {
                try? pool.close()
                throw MigratedDatabaseError.schemaNewer(path: path, unknownMigrations: unknown)
            }
        } catch let error as MigratedDatabaseError {
            throw error
        } catch {
            throw MigratedDatabaseError.database(operation: "open \(path)", reason: "\(error)")
        }
        let upgradedFrom = applied.count < migrator.migrations.count ? applied.last : nil
        if let upgradedFrom { try backUp(pool, path: path, schema: upgradedFrom, now: now) }
        do {
            try migrator.migrate(pool)
            // A reader that looked at the registry before the migration keeps the old schema in its statements' column
            // lists (a `SELECT *` would miss a new column): migrated, every reader starts again.
            if applied.count < migrator.migrations.count { pool.invalidateReadOnlyConnections() }
            return (pool, upgradedFrom)
        } catch {
            throw MigratedDatabaseError.database(operation: "migrate \(path)", reason: "\(error)")
        }
    }

    /// Copies `pool` to `<path>.before-<schema>-<UTC time>` with mode 0600 before a migration changes it.
    static func backUp(_ pool: DatabasePool, path: String, schema: String, now: Date) throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        // The file is made 0600 before SQLite writes to it (SQLite gives its journal the same mode); a name taken by
        // another process upgrading in the same second gets a number.
        var backupPath = "\(path).before-\(schema)-\(formatter.string(from: now))"
        var descriptor = Foundation.open(backupPath, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        var attempt = 1
        while descriptor < 0 && errno == EEXIST && attempt < 100 {
            backupPath = "\(path).before-\(schema)-\(formatter.string(from: now))-\(attempt)"
            descriptor = Foundation.open(backupPath, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            attempt += 1
        }
        guard descriptor >= 0 else {
            throw MigratedDatabaseError.database(
                operation: "back up \(path) before migrating it", reason: "cannot create \(backupPath): \(String(cString: strerror(errno)))")
        }
        // Exactly 0600 whatever the umask (open's mode is only narrowed by it).
        let modeFailure = fchmod(descriptor, 0o600) == 0 ? nil : String(cString: strerror(errno))
        close(descriptor)
        if let modeFailure {
            try? FileManager.default.removeItem(atPath: backupPath)
            throw MigratedDatabaseError.database(operation: "back up \(path) before migrating it", reason: "cannot make \(backupPath) 0600: \(modeFailure)")
        }
        do {
            let copy = try DatabaseQueue(path: backupPath)
            try pool.backup(to: copy)
            try copy.close()
        } catch {
            try? FileManager.default.removeItem(atPath: backupPath)
            try? FileManager.default.removeItem(atPath: backupPath + "-journal")
            throw MigratedDatabaseError.database(operation: "back up \(path) before migrating it", reason: "\(error)")
        }
    }
}
