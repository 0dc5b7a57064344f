import Foundation
public import GRDB
import SealPKI

/// The online side's registry of filings (备案库): stations and the CA each was first seen with, the bundles
/// imported from each (numbered and chained), the seals filed (latest state), their uses and the stations' audit
/// records. One SQLite file through GRDB, with its own schema, separate from a station's registry.
public final class FilingDatabase: Sendable {
    public let writer: DatabasePool
    public let path: String

    /// Opens (creating and migrating when needed) the filing registry at `path`.
    public init(path: String) throws {
        do {
            try ProtectedFile.createDirectory(URL(fileURLWithPath: path).deletingLastPathComponent().path)
        } catch {
            throw RegistryError.database(operation: "open \(path)", reason: "\(error)")
        }
        writer = try RegistryPool.open(path: path, migrator: Self.migrator).pool
        self.path = path
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("filing-v1") { db in
            try db.create(table: "filing_station") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("organization", .text).notNull()
                t.column("caCertificate", .blob).notNull()
                t.column("firstImportedAt", .datetime).notNull()
            }
            try db.create(table: "filing_bundle") { t in
                t.column("stationID", .text).notNull().references("filing_station")
                t.column("sequence", .integer).notNull()
                t.column("sm3", .text).notNull().unique()
                t.column("previousSM3", .text)
                t.column("createdAt", .datetime).notNull()
                t.column("importedAt", .datetime).notNull()
                t.column("auditFirstSeq", .integer).notNull()
                t.column("auditLastSeq", .integer).notNull()
                t.column("auditLastHash", .blob).notNull()
                t.column("seals", .integer).notNull()
                t.column("uses", .integer).notNull()
                t.column("anomaly", .text)
                t.primaryKey(["stationID", "sequence"])
            }
            try db.create(table: "filed_seal") { t in
                t.primaryKey("esID", .text)
                t.column("stationID", .text).notNull().references("filing_station")
                t.column("bundleSequence", .integer).notNull()
                t.column("name", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("template", .text).notNull()
                t.column("unitName", .text).notNull()
                t.column("creditCode", .text).notNull().indexed()
                t.column("useName", .text)
                t.column("holderName", .text)
                t.column("holderIDNumber", .text)
                t.column("state", .text).notNull()
                t.column("validFrom", .datetime).notNull()
                t.column("validTo", .datetime).notNull()
                t.column("issuedAt", .datetime).notNull()
                t.column("replacesESID", .text)
                t.column("revokedAt", .datetime)
                t.column("revokeReason", .text)
                t.column("sealSM3", .text).notNull()
                t.column("sealDER", .blob).notNull()
                t.column("imagePNG", .blob).notNull()
                t.column("imageSVG", .blob).notNull()
                t.column("holderCertificate", .blob).notNull()
            }
            try db.create(table: "filed_use") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("stationID", .text).notNull().references("filing_station")
                t.column("bundleSequence", .integer).notNull()
                t.column("esID", .text).notNull().indexed()
                t.column("usedAt", .datetime).notNull()
                t.column("reason", .text).notNull()
                t.column("approver", .text).notNull()
                t.column("officer", .text).notNull()
                t.column("count", .integer).notNull()
                t.column("documentName", .text).notNull()
                t.column("documentSM3", .text).notNull()
                t.column("signatureSM3", .text).notNull()
                t.uniqueKey(["stationID", "signatureSM3"])
            }
            try db.create(table: "filed_audit") { t in
                t.column("stationID", .text).notNull().references("filing_station")
                t.column("seq", .integer).notNull()
                t.column("time", .text).notNull()
                t.column("officer", .text).notNull()
                t.column("action", .text).notNull()
                t.column("object", .text).notNull()
                t.column("details", .text).notNull()
                t.column("prevHash", .blob).notNull()
                t.column("hash", .blob).notNull()
                t.primaryKey(["stationID", "seq"])
            }
        }
        return migrator
    }
}

extension FilingDatabase {
    /// Filed seals of a unit (by 统一社会信用代码) or one seal by esID, newest first.
    public func filedSeals(creditCode: String? = nil, esID: String? = nil) throws -> [FiledSealRecord] {
        try RegistryPool.read(writer, "query filings") { db in
            var request = FiledSealRecord.order(Column("issuedAt").desc, Column("esID"))
            if let creditCode { request = request.filter(Column("creditCode") == creditCode) }
            if let esID { request = request.filter(Column("esID") == esID) }
            return try request.fetchAll(db)
        }
    }

    /// The bundles imported, by station and sequence.
    public func bundles() throws -> [FilingBundleRecord] {
        try RegistryPool.read(writer, "list bundles") { db in try FilingBundleRecord.order(Column("stationID"), Column("sequence")).fetchAll(db) }
    }

    /// How many uses are filed for `esID`.
    public func useCount(esID: String) throws -> Int {
        try RegistryPool.read(writer, "count uses") { db in
            try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(count), 0) FROM filed_use WHERE esID = ?", arguments: [esID]) ?? 0
        }
    }
}
