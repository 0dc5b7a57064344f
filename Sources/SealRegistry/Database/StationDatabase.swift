public import Foundation
public import GRDB
import SealSQLite
import SealSES

/// The station's registry: one SQLite file (WAL, foreign keys on), migrated on open. Migrations are append-only.
///
/// Every read and write of the station's data is a named function of this type (GRDB's `AppDatabase` shape): the
/// station never sees SQL or a `Database`. Steps that must happen together (an issue and its audit record, a use and
/// its log row, an export, a backup) are one function each, one transaction; where the station has work to do inside
/// the transaction (move staged files into place), it passes a closure that is called last, before the commit.
public final class StationDatabase: Sendable {
    private let dbWriter: any DatabaseWriter
    /// The registry file (`:memory:` for an in-memory database).
    public let path: String
    /// When this open migrated a registry written by an older version: the last migration it had.
    public let upgradedFrom: String?

    /// Opens (and migrates) the registry at `path`; `create` false refuses a missing file. A registry from an older
    /// version is first backed up beside itself (named with `now`); one from a newer version is refused untouched.
    public init(path: String, create: Bool, now: Date = Date()) throws {
        if !create && !FileManager.default.fileExists(atPath: path) { throw RegistryError.stationNotFound(path: path) }
        do {
            (dbWriter, upgradedFrom) = try MigratedDatabasePool.open(path: path, migrator: Self.migrator, now: now)
        } catch let error as MigratedDatabaseError {
            throw RegistryError(error)
        }
        self.path = path
    }

    /// A registry over `dbWriter`, migrated now: a `DatabaseQueue()` gives an in-memory registry (tests).
    public init(_ dbWriter: any DatabaseWriter) throws {
        do {
            try Self.migrator.migrate(dbWriter)
        } catch {
            throw RegistryError.database(operation: "migrate \(dbWriter.path)", reason: "\(error)")
        }
        self.dbWriter = dbWriter
        self.path = dbWriter.path
        self.upgradedFrom = nil
    }

    /// The writer, for tools that build large fixtures row by row (the benchmarks); the station itself never uses it.
    @_spi(Fixtures) public var fixtureWriter: any DatabaseWriter { dbWriter }

    /// Runs `body` in one write transaction; database failures become `RegistryError.database` naming `operation`,
    /// a stored value that fails its check `RegistryError.damagedValue`.
    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try dbWriter.write(body)
        } catch {
            throw registryError(error, operation: operation)
        }
    }

    /// Runs `body` outside a transaction on the writer (VACUUM INTO, which cannot run inside one).
    func writeWithoutTransaction<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try dbWriter.writeWithoutTransaction(body)
        } catch {
            throw registryError(error, operation: operation)
        }
    }

    /// Runs `body` in one read (one snapshot of the registry).
    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try dbWriter.read(body)
        } catch {
            throw registryError(error, operation: operation)
        }
    }

    /// The registry's error for `error`, thrown while doing `operation`.
    private func registryError(_ error: any Error, operation: String) -> any Error {
        switch error {
        case let error as RegistryError: return error
        case let error as DatabaseError: return RegistryError.database(operation: operation, reason: error.message ?? "\(error)")
        case is RowDecodingError:
            // A stored value that no longer passes its check (a damaged or edited registry): name the row and the value.
            if let damaged = try? dbWriter.read({ db in try StoredValueCheck.firstDamaged(db) }) { return damaged }
            return RegistryError.database(operation: operation, reason: "a stored value cannot be read: \(error)")
        default: return error
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "setting") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
            try db.create(table: "officer") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull()
                t.column("role", .text).notNull()
                t.column("passphraseHash", .text).notNull()
                t.column("failedAttempts", .integer).notNull().defaults(to: 0)
                t.column("locked", .boolean).notNull().defaults(to: false)
                t.column("createdAt", .datetime).notNull()
                t.uniqueKey(["name", "role"])
            }
            try db.create(table: "application") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("unitName", .text).notNull()
                t.column("creditCode", .text).notNull().indexed()
                t.column("template", .text).notNull()
                t.column("useName", .text)
                t.column("holderName", .text)
                t.column("holderIDNumber", .text)
                t.column("physicalCode", .text)
                t.column("reason", .text).notNull()
                t.column("state", .text).notNull()
                t.column("applicantID", .integer).notNull().references("officer")
                t.column("deciderID", .integer).references("officer")
                t.column("decisionNote", .text)
                t.column("decidedAt", .datetime)
                t.column("replacesSealID", .integer)
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "attachment") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("applicationID", .integer).notNull().references("application").indexed()
                t.column("name", .text).notNull()
                t.column("sm3", .text).notNull()
                t.column("content", .blob).notNull()
            }
            try db.create(table: "seal") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("applicationID", .integer).notNull().references("application")
                t.column("esID", .text).notNull().unique()
                t.column("name", .text).notNull().indexed()
                t.column("unitName", .text).notNull()
                t.column("creditCode", .text).notNull().indexed()
                t.column("template", .text).notNull()
                t.column("state", .text).notNull()
                t.column("sealDER", .blob).notNull()
                t.column("imagePNG", .blob).notNull()
                t.column("holderCertificate", .blob).notNull()
                t.column("custody", .text).notNull()
                t.column("validFrom", .datetime).notNull()
                t.column("validTo", .datetime).notNull()
                t.column("issuedBy", .integer).notNull().references("officer")
                t.column("issuedAt", .datetime).notNull().indexed()
                t.column("replacesSealID", .integer).references("seal")
                t.column("revokedAt", .datetime)
                t.column("revokeReason", .text)
            }
            try db.create(index: "seal_state_id", on: "seal", columns: ["state", "id"])
            try db.create(table: "use_request") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("sealID", .integer).notNull().references("seal").indexed()
                t.column("reason", .text).notNull()
                t.column("count", .integer).notNull()
                t.column("used", .integer).notNull().defaults(to: 0)
                t.column("state", .text).notNull()
                t.column("requesterID", .integer).notNull().references("officer")
                t.column("approverID", .integer).references("officer")
                t.column("requestedAt", .datetime).notNull()
                t.column("decidedAt", .datetime)
            }
            try db.create(table: "use_log") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("useRequestID", .integer).notNull().references("use_request")
                t.column("sealID", .integer).notNull().references("seal").indexed()
                t.column("usedAt", .datetime).notNull()
                t.column("reason", .text).notNull()
                t.column("approverID", .integer).notNull().references("officer")
                t.column("officerID", .integer).notNull().references("officer")
                t.column("count", .integer).notNull()
                t.column("documentName", .text).notNull()
                t.column("documentSM3", .text).notNull()
                t.column("signatureSM3", .text).notNull()
            }
        }
        migrator.registerMigration("v2-audit") { db in
            // The append-only audit log: each record's hash chains the previous one (SM3); triggers refuse changes
            // as a second line of defence (the chain and the signed checkpoints are the first).
            try db.create(table: "audit") { t in
                t.primaryKey("seq", .integer)
                t.column("time", .text).notNull()
                t.column("officer", .text).notNull()
                t.column("action", .text).notNull()
                t.column("object", .text).notNull()
                t.column("details", .text).notNull()
                t.column("prevHash", .blob).notNull()
                t.column("hash", .blob).notNull()
            }
            try db.execute(sql: """
                CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
                CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
                """)
            try db.create(table: "audit_checkpoint") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("seq", .integer).notNull()
                t.column("hash", .blob).notNull()
                t.column("signedAt", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("signature", .blob).notNull()
            }
            try db.execute(sql: """
                CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
                CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
                """)
        }
        migrator.registerMigration("v3-bundle-export") { db in
            // Filing bundles exported (备案): each covers the audit records after the previous one's and the uses
            // logged after the previous one's; bundles chain by the SM3 of the previous bundle file.
            try db.create(table: "bundle_export") { t in
                t.primaryKey("sequence", .integer)
                t.column("createdAt", .datetime).notNull()
                t.column("officer", .text).notNull()
                t.column("auditFirstSeq", .integer).notNull()
                t.column("auditLastSeq", .integer).notNull()
                t.column("useLogLastID", .integer).notNull()
                t.column("seals", .integer).notNull()
                t.column("uses", .integer).notNull()
                t.column("fileName", .text).notNull()
                t.column("sm3", .text).notNull().unique()
            }
        }
        migrator.registerMigration("v4-data-pin") { db in
            // The SM3 of every seal template and of the vendor profile file the station accepted (see DataPinRecord).
            try db.create(table: "data_pin") { t in
                t.primaryKey("item", .text)
                t.column("sm3", .text).notNull()
                t.column("path", .text).notNull()
                t.column("pinnedAt", .datetime).notNull()
                t.column("officer", .text).notNull()
            }
        }
        migrator.registerMigration("v5-officer-disabled") { db in
            // `officer disable` / `officer enable`: a disabled officer cannot sign in; every existing officer stays enabled.
            try db.alter(table: "officer") { t in
                t.add(column: "disabled", .boolean).notNull().defaults(to: false)
            }
        }
        migrator.registerMigration("v6-seal-kind") { db in
            // The seal's kind (单位印章 or 个人印章) stored with it, backfilled from each seal's SES_Seal (印章类型 1 is a
            // unit seal), so no reader has to parse the DER to know it.
            try db.alter(table: "seal") { t in
                t.add(column: "kind", .text).notNull().defaults(to: SealKind.unit.rawValue)
            }
            let rows = try Row.fetchCursor(db, sql: "SELECT id, sealDER FROM seal")
            var personal: [Int64] = []
            while let row = try rows.next() {
                let id: Int64 = row["id"], der: Data = row["sealDER"]
                guard let seal = try? ElectronicSeal(derEncoded: Array(der)) else {
                    throw RegistryError.damagedValue(
                        table: "seal", id: id, column: "sealDER", value: "\(der.count) bytes",
                        reason: "it is not an SES_Seal, so the seal's kind cannot be recorded")
                }
                if SealKind(typeCode: seal.typeCode) == .personal { personal.append(id) }
            }
            for id in personal {
                try db.execute(sql: "UPDATE seal SET kind = ? WHERE id = ?", arguments: [SealKind.personal.rawValue, id])
            }
        }
        migrator.registerMigration("v7-revocation") { db in
            // Every certificate the station CA revoked (the entries of its CRLs), and every CRL it issued (append-only).
            try db.create(table: "certificate_revocation") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("sealID", .integer).references("seal")
                t.column("role", .text).notNull()
                t.column("serialNumber", .text).notNull()
                t.column("certificateSM3", .text).notNull().unique()
                t.column("subject", .text).notNull()
                t.column("revokedAt", .datetime).notNull()
                t.column("reasonCode", .integer).notNull()
                t.column("invalidityDate", .datetime)
                t.column("officer", .text).notNull()
            }
            try db.create(table: "crl") { t in
                t.primaryKey("number", .integer)
                t.column("thisUpdate", .datetime).notNull()
                t.column("nextUpdate", .datetime).notNull()
                t.column("entries", .integer).notNull()
                t.column("der", .blob).notNull()
                t.column("sm3", .text).notNull()
                t.column("officer", .text).notNull()
                t.column("issuedAt", .datetime).notNull()
            }
            try db.execute(sql: """
                CREATE TRIGGER crl_no_update BEFORE UPDATE ON crl BEGIN SELECT RAISE(ABORT, 'issued CRLs are append-only'); END;
                CREATE TRIGGER crl_no_delete BEFORE DELETE ON crl BEGIN SELECT RAISE(ABORT, 'issued CRLs are append-only'); END;
                """)
            try RevocationBackfill.run(db)
        }
        migrator.registerMigration("v8-use-stamp") { db in
            // A use that stamps a document (OFD, PDF) logs the stamped document's SM3, the placement and the
            // signature's id in the document; detached signatures leave them NULL.
            try db.alter(table: "use_log") { t in
                t.add(column: "stampedSM3", .text)
                t.add(column: "placement", .text)
                t.add(column: "documentSignatureID", .text)
            }
        }
        return migrator
    }
}
