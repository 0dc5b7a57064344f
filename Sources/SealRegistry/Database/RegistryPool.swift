import Foundation
import GRDB

/// How SealStation opens its SQLite files, station registry and filing registry alike: a WAL pool with foreign keys
/// and a five-second busy timeout, migrated on open; failures become `RegistryError.database` naming the file.
enum RegistryPool {
    static func open(path: String, migrator: DatabaseMigrator) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            try migrator.migrate(pool)
            return pool
        } catch {
            throw RegistryError.database(operation: "open \(path)", reason: "\(error)")
        }
    }

    /// Runs a read on `pool`, naming `operation` in the error.
    static func read<T>(_ pool: DatabasePool, _ operation: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch {
            throw RegistryError.database(operation: operation, reason: "\(error)")
        }
    }
}
