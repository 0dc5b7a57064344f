import Foundation
public import GRDB
import SealSQLite
import SealAudit
import SealBundle
import SealPKI

/// The online side's registry of filings (备案库) in one SQLite file through GRDB, with its own schema, separate from
/// a station's registry: stations and the CA each was first seen with, the bundles imported from each (numbered and
/// chained), the seals filed (latest state), their uses and the stations' audit records.
public final class SQLiteFilingStore: FilingStore {
    private let dbWriter: any DatabaseWriter
    /// The SQLite file.
    public let path: String

    /// Opens (creating and migrating when needed) the filing registry at `path`.
    public init(path: String) throws {
        do {
            try ProtectedFile.createDirectory(URL(fileURLWithPath: path).deletingLastPathComponent().path)
        } catch {
            throw FilingStoreError.database(operation: "open \(path)", reason: "\(error)")
        }
        do {
            dbWriter = try MigratedDatabasePool.open(path: path, migrator: Self.migrator).pool
        } catch let error as MigratedDatabaseError {
            throw FilingStoreError(error)
        }
        self.path = path
    }

    /// The schema; migrations are append-only.
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
        // The filing's physical seal code and officers are kept (seals filed before have none), and credit codes are
        // kept upper case (as GB 32100 writes them) so that a query in either case finds them through the index.
        migrator.registerMigration("filing-v2-seal-description") { db in
            try db.alter(table: "filed_seal") { t in
                t.add(column: "physicalCode", .text)
                t.add(column: "issuedBy", .text)
                t.add(column: "approvedBy", .text)
            }
            try db.execute(sql: "UPDATE filed_seal SET creditCode = UPPER(creditCode) WHERE creditCode <> UPPER(creditCode)")
        }
        // The station CA's CRLs the bundles carry (one row per CRL number, with its entries), and which CRL each
        // bundle carried (none for bundles before CRLs).
        migrator.registerMigration("filing-v3-crl") { db in
            try db.create(table: "filed_crl") { t in
                t.column("stationID", .text).notNull().references("filing_station")
                t.column("number", .integer).notNull()
                t.column("thisUpdate", .datetime).notNull()
                t.column("nextUpdate", .datetime)
                t.column("der", .blob).notNull()
                t.column("sm3", .text).notNull()
                t.column("bundleSequence", .integer).notNull()
                t.column("entries", .integer).notNull()
                t.primaryKey(["stationID", "number"])
            }
            try db.create(table: "filed_crl_entry") { t in
                t.column("stationID", .text).notNull()
                t.column("crlNumber", .integer).notNull()
                t.column("serial", .text).notNull()
                t.column("revocationDate", .datetime).notNull()
                t.column("reasonCode", .integer)
                t.column("invalidityDate", .datetime)
                t.primaryKey(["stationID", "crlNumber", "serial"])
                t.foreignKey(["stationID", "crlNumber"], references: "filed_crl", columns: ["stationID", "number"])
            }
            try db.alter(table: "filing_bundle") { t in t.add(column: "crlNumber", .integer) }
        }
        return migrator
    }

    /// Runs `body` in one write transaction; database failures name `operation`.
    private func write<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try dbWriter.write(body)
        } catch let error as DatabaseError {
            throw FilingStoreError.database(operation: operation, reason: error.message ?? "\(error)")
        }
    }

    private func read<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try dbWriter.read(body)
        } catch {
            throw FilingStoreError.database(operation: operation, reason: "\(error)")
        }
    }

    // MARK: - FilingStore

    public func transaction<T>(_ body: (any FilingStoreTransaction) throws -> T) throws -> T {
        try write("import") { db in try body(Transaction(db: db)) }
    }

    public func filedSeals(_ query: FiledSealQuery) throws -> [FiledSealRecord] {
        try read("query filings") { db in
            var request = FiledSealRecord.order(Columns.issuedAt.desc, Columns.esID)
            if let creditCode = query.creditCode { request = request.filter(Columns.creditCode == creditCode) }
            if let esID = query.esID { request = request.filter(Columns.esID == esID) }
            return try request.fetchAll(db)
        }
    }

    public func bundles() throws -> [FilingBundleRecord] {
        try read("list bundles") { db in try FilingBundleRecord.order(Columns.stationID, Columns.sequence).fetchAll(db) }
    }

    public func useCount(esID: String) throws -> Int {
        try read("count uses") { db in
            try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(count), 0) FROM filed_use WHERE esID = ?", arguments: [esID]) ?? 0
        }
    }

    public func stations() throws -> [FilingStationRecord] {
        try read("list stations") { db in try FilingStationRecord.order(Column("id")).fetchAll(db) }
    }

    public func latestCRL(stationID: String) throws -> FiledCRLRecord? {
        try read("read CRLs") { db in
            try FiledCRLRecord.filter(Columns.stationID == stationID).order(Column("number").desc).fetchOne(db)
        }
    }

    public func crlEntry(stationID: String, crlNumber: Int64, serial: String) throws -> FiledRevocationRecord? {
        try read("read CRL entries") { db in
            try FiledRevocationRecord.fetchOne(db, key: ["stationID": stationID, "crlNumber": crlNumber, "serial": serial])
        }
    }

    /// The columns the store filters and orders by.
    enum Columns {
        static let esID = Column("esID"), creditCode = Column("creditCode"), issuedAt = Column("issuedAt")
        static let stationID = Column("stationID"), sequence = Column("sequence"), sm3 = Column("sm3"), seq = Column("seq")
    }

    /// The import policy's view of the database inside one write transaction.
    struct Transaction: FilingStoreTransaction {
        let db: Database

        func station(id: String) throws -> FilingStationRecord? { try FilingStationRecord.fetchOne(db, key: id) }

        func bundle(sm3: String) throws -> FilingBundleRecord? { try FilingBundleRecord.filter(Columns.sm3 == sm3).fetchOne(db) }

        func bundle(stationID: String, sequence: Int64) throws -> FilingBundleRecord? {
            try FilingBundleRecord.fetchOne(db, key: ["stationID": stationID, "sequence": sequence])
        }

        func newestBundle(stationID: String) throws -> FilingBundleRecord? {
            try FilingBundleRecord.filter(Columns.stationID == stationID).order(Columns.sequence.desc).fetchOne(db)
        }

        func auditRecords(stationID: String, seqs: ClosedRange<Int64>) throws -> [AuditRecord] {
            try Row.fetchAll(
                db, sql: "SELECT seq, time, officer, action, object, details, prevHash, hash FROM filed_audit WHERE stationID = ? AND seq BETWEEN ? AND ? ORDER BY seq",
                arguments: [stationID, seqs.lowerBound, seqs.upperBound]
            ).map { row in
                AuditRecord(seq: row["seq"], time: row["time"], officer: row["officer"], action: row["action"], object: row["object"],
                            details: row["details"], prevHash: row["prevHash"], hash: row["hash"])
            }
        }

        func filedSeal(esID: String) throws -> FiledSealRecord? { try FiledSealRecord.fetchOne(db, key: esID) }

        func crl(stationID: String, number: Int64) throws -> FiledCRLRecord? {
            try FiledCRLRecord.fetchOne(db, key: ["stationID": stationID, "number": number])
        }

        func crl(stationID: String, carriedBefore sequence: Int64) throws -> FiledCRLRecord? {
            try FiledCRLRecord.fetchOne(db, sql: """
                SELECT filed_crl.* FROM filed_crl JOIN filing_bundle ON filing_bundle.stationID = filed_crl.stationID
                    AND filing_bundle.crlNumber = filed_crl.number
                WHERE filing_bundle.stationID = ? AND filing_bundle.sequence < ? ORDER BY filing_bundle.sequence DESC LIMIT 1
                """, arguments: [stationID, sequence])
        }

        func crl(stationID: String, carriedAfter sequence: Int64) throws -> FiledCRLRecord? {
            try FiledCRLRecord.fetchOne(db, sql: """
                SELECT filed_crl.* FROM filed_crl JOIN filing_bundle ON filing_bundle.stationID = filed_crl.stationID
                    AND filing_bundle.crlNumber = filed_crl.number
                WHERE filing_bundle.stationID = ? AND filing_bundle.sequence > ? ORDER BY filing_bundle.sequence LIMIT 1
                """, arguments: [stationID, sequence])
        }

        func crlEntries(stationID: String, crlNumber: Int64) throws -> [FiledRevocationRecord] {
            try FiledRevocationRecord.filter(Columns.stationID == stationID && Column("crlNumber") == crlNumber).fetchAll(db)
        }

        func store(_ filing: FilingImport) throws {
            if let enrolment = filing.enrolment { try enrolment.insert(db) }
            // The CRL before the bundle that names it.
            if let crl = filing.crl {
                try crl.insert(db)
                let entry = try db.cachedStatement(sql: """
                    INSERT INTO filed_crl_entry (stationID, crlNumber, serial, revocationDate, reasonCode, invalidityDate) VALUES (?, ?, ?, ?, ?, ?)
                    """)
                for revoked in filing.crlEntries {
                    try entry.execute(arguments: [revoked.stationID, revoked.crlNumber, revoked.serial, revoked.revocationDate, revoked.reasonCode,
                                                  revoked.invalidityDate])
                }
            }
            try filing.bundle.insert(db)
            let stationID = filing.bundle.stationID
            let audit = try db.cachedStatement(sql: """
                INSERT INTO filed_audit (stationID, seq, time, officer, action, object, details, prevHash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for record in filing.auditRecords {
                try audit.execute(arguments: [stationID, record.seq, record.time, record.officer, record.action, record.object, record.details,
                                              record.prevHash, record.hash])
            }
            for seal in filing.seals { try seal.save(db) }
            let use = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO filed_use (stationID, bundleSequence, esID, usedAt, reason, approver, officer, count, documentName,
                    documentSM3, signatureSM3) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for filed in filing.uses {
                try use.execute(arguments: [stationID, filing.bundle.sequence, filed.esID, filed.usedAt, filed.reason, filed.approver, filed.officer,
                                            filed.count, filed.documentName, filed.documentSM3, filed.signatureSM3])
            }
        }
    }
}

// The records are GRDB records for this store (a public conformance, so GRDB is imported publicly here).
extension FiledSealRecord: FetchableRecord, PersistableRecord {}
extension FilingBundleRecord: FetchableRecord, PersistableRecord {}
extension FilingStationRecord: FetchableRecord, PersistableRecord {}
extension FiledCRLRecord: FetchableRecord, PersistableRecord {}
extension FiledRevocationRecord: FetchableRecord, PersistableRecord {}
