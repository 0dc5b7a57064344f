import Foundation
import GRDB
import SealPKI

/// How the filing registry's SQLite file is opened — as the station opens its own registry: a WAL pool with foreign
/// keys and a five-second busy timeout, migrated on open.
///
/// Upgrades: a file written by a newer program (it has migrations this one does not know) is refused and left as it
/// is; one written by an older program is first copied beside itself (`<file>.before-<migration>-<time>`, 0600,
/// through SQLite's online backup), then migrated. A new file is created empty and 0600 before SQLite opens it, and
/// SQLite gives its journal, WAL and shared-memory files the same mode.
enum FilingDatabasePool {
    static func open(path: String, migrator: DatabaseMigrator, now: Date = Date()) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        if !FileManager.default.fileExists(atPath: path) {
            do {
                try ProtectedFile.createEmpty(path)
            } catch {
                throw FilingStoreError.database(operation: "create \(path)", reason: "\(error)")
            }
        }
        let pool: DatabasePool
        let applied: [String]
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            let unknown: [String]
            (applied, unknown) = try pool.read { db in
                (try migrator.appliedMigrations(db), try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).sorted())
            }
            if !unknown.isEmpty {
                try? pool.close()
                throw FilingStoreError.schemaNewer(path: path, unknownMigrations: unknown)
            }
        } catch let error as FilingStoreError {
            throw error
        } catch {
            throw FilingStoreError.database(operation: "open \(path)", reason: "\(error)")
        }
        if !applied.isEmpty, applied.count < migrator.migrations.count, let schema = applied.last {
            try backUp(pool, path: path, schema: schema, now: now)
        }
        do {
            try migrator.migrate(pool)
            return pool
        } catch {
            throw FilingStoreError.database(operation: "migrate \(path)", reason: "\(error)")
        }
    }

    /// Copies `pool` to `<path>.before-<schema>-<UTC time>` with mode 0600 before a migration changes it.
    static func backUp(_ pool: DatabasePool, path: String, schema: String, now: Date) throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        var backupPath = "\(path).before-\(schema)-\(formatter.string(from: now))"
        var attempt = 1
        while FileManager.default.fileExists(atPath: backupPath) && attempt < 100 {
            backupPath = "\(path).before-\(schema)-\(formatter.string(from: now))-\(attempt)"
            attempt += 1
        }
        do {
            // Created empty and 0600 before SQLite writes to it (exclusive: a name taken meanwhile is an error).
            try ProtectedFile.createEmpty(backupPath)
        } catch {
            throw FilingStoreError.database(operation: "back up \(path) before migrating it", reason: "\(error)")
        }
        do {
            let copy = try DatabaseQueue(path: backupPath)
            try pool.backup(to: copy)
            try copy.close()
        } catch {
            try? FileManager.default.removeItem(atPath: backupPath)
            try? FileManager.default.removeItem(atPath: backupPath + "-journal")
            throw FilingStoreError.database(operation: "back up \(path) before migrating it", reason: "\(error)")
        }
    }
}
