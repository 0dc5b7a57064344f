public import Foundation
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
        // The filing service's clients, by the SHA-256 of their bearer tokens.
        migrator.registerMigration("filing-v4-clients") { db in
            try db.create(table: "filing_client") { t in
                t.primaryKey("name", .text)
                t.column("tokenSHA256", .text).notNull().unique()
                t.column("addedAt", .datetime).notNull()
                t.column("revokedAt", .datetime)
            }
        }
        // A seal's PNG is its SES_Seal's picture (checked so at import): it is kept once, inside sealDER.
        migrator.registerMigration("filing-v5-picture-once") { db in
            try db.alter(table: "filed_seal") { t in t.drop(column: "imagePNG") }
        }
        return migrator
    }

    /// Runs `body` in one write transaction; database failures name `operation`.
    private func write<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await dbWriter.write(body)
        } catch let error as DatabaseError {
            throw FilingStoreError.database(operation: operation, reason: error.message ?? "\(error)")
        }
    }

    private func read<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await dbWriter.read(body)
        } catch let error as DatabaseError {
            throw FilingStoreError.database(operation: operation, reason: error.message ?? "\(error)")
        }
    }

    // MARK: - FilingStore

    /// One import in one SQLite write transaction (SQLite runs one writer at a time, so imports are serialised).
    public func importing<T: Sendable>(
        _ request: FilingSnapshotRequest, _ decide: @escaping @Sendable (FilingSnapshot) throws -> (filing: FilingImport?, result: T)
    ) async throws -> T {
        try await write("import") { db in
            let decision = try decide(try Self.snapshot(request, db: db))
            if let filing = decision.filing { try Self.store(filing, db: db) }
            return decision.result
        }
    }

    public func filedSeals(_ query: FiledSealQuery) async throws -> [FiledSealRecord] {
        try await read("query filings") { db in try Self.request(query).fetchAll(db) }
    }

    public func filedSealListings(_ query: FiledSealQuery) async throws -> [FiledSealListing] {
        try await read("list filings") { db in
            let columns = try db.columns(in: FiledSealRecord.databaseTableName).map(\.name).filter { !Self.fileColumns.contains($0) }
            return try Self.request(query).select(columns.map { Column($0) }).asRequest(of: FiledSealListing.self).fetchAll(db)
        }
    }

    /// The columns of `filed_seal` that hold a seal's files, which lists leave out.
    static let fileColumns = Set(FiledSealRecord.FileKeys.allCases.map(\.rawValue))

    /// The seals `query` selects, newest first.
    static func request(_ query: FiledSealQuery) -> QueryInterfaceRequest<FiledSealRecord> {
        var request = FiledSealRecord.order(Columns.issuedAt.desc, Columns.esID)
        if let creditCode = query.creditCode { request = request.filter(Columns.creditCode == creditCode) }
        if let esID = query.esID { request = request.filter(Columns.esID == esID) }
        if let pattern = query.namePattern { request = request.filter(Column("name").like(pattern, escape: "\\")) }
        if let state = query.state { request = request.filter(Column("state") == state) }
        if let limit = query.limit { request = request.limit(limit, offset: query.offset) } else if query.offset > 0 { request = request.limit(-1, offset: query.offset) }
        return request
    }

    public func bundles() async throws -> [FilingBundleRecord] {
        try await read("list bundles") { db in try FilingBundleRecord.order(Columns.stationID, Columns.sequence).fetchAll(db) }
    }

    public func bundles(stationID: String) async throws -> [FilingBundleRecord] {
        try await read("list a station's bundles") { db in
            try FilingBundleRecord.filter(Columns.stationID == stationID).order(Columns.sequence).fetchAll(db)
        }
    }

    public func useCount(esID: String) async throws -> Int {
        try await read("count uses") { db in
            try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(count), 0) FROM filed_use WHERE esID = ?", arguments: [esID]) ?? 0
        }
    }

    public func stations() async throws -> [FilingStationRecord] {
        try await read("list stations") { db in try FilingStationRecord.order(Column("id")).fetchAll(db) }
    }

    public func station(id: String) async throws -> FilingStationRecord? {
        try await read("read a station") { db in try FilingStationRecord.filter(Column("id") == id).fetchOne(db) }
    }

    public func ping() async throws {
        _ = try await read("answer a query") { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    public func latestCRL(stationID: String) async throws -> FiledCRLRecord? {
        try await read("read CRLs") { db in
            try FiledCRLRecord.filter(Columns.stationID == stationID).order(Column("number").desc).fetchOne(db)
        }
    }

    public func crlEntry(stationID: String, crlNumber: Int64, serial: String) async throws -> FiledRevocationRecord? {
        try await read("read CRL entries") { db in
            try FiledRevocationRecord.fetchOne(db, key: ["stationID": stationID, "crlNumber": crlNumber, "serial": serial])
        }
    }

    public func addClient(_ client: FilingClientRecord) async throws {
        try await write("add a client") { db in
            guard try FilingClientRecord.fetchOne(db, key: client.name) == nil else { throw FilingStoreError.clientExists(name: client.name) }
            try client.insert(db)
        }
    }

    public func revokeClient(name: String, at date: Date) async throws -> FilingClientRecord? {
        try await write("revoke a client") { db in
            guard var client = try FilingClientRecord.fetchOne(db, key: name) else { return nil }
            if client.revokedAt == nil {
                client.revokedAt = date
                try client.update(db)
            }
            return client
        }
    }

    public func client(tokenSHA256: String) async throws -> FilingClientRecord? {
        try await read("look a client up") { db in try FilingClientRecord.filter(Column("tokenSHA256") == tokenSHA256).fetchOne(db) }
    }

    public func clients() async throws -> [FilingClientRecord] {
        try await read("list clients") { db in try FilingClientRecord.order(Column("name")).fetchAll(db) }
    }

    /// The columns the store filters and orders by.
    enum Columns {
        static let esID = Column("esID"), creditCode = Column("creditCode"), issuedAt = Column("issuedAt")
        static let stationID = Column("stationID"), sequence = Column("sequence"), sm3 = Column("sm3"), seq = Column("seq")
    }

    /// What the import policy reads for `request`, inside the import's write transaction.
    static func snapshot(_ request: FilingSnapshotRequest, db: Database) throws -> FilingSnapshot {
        let stationID = request.stationID
        let bundleWithSM3 = try FilingBundleRecord.filter(Columns.sm3 == request.sm3).fetchOne(db)
        var newest: [String: FilingBundleRecord] = [:]
        for station in FilingSnapshot.newestBundleStations(request, bundleWithSM3: bundleWithSM3) {
            newest[station] = try FilingBundleRecord.filter(Columns.stationID == station).order(Columns.sequence.desc).fetchOne(db)
        }
        let neighbours = try FilingBundleRecord.filter(Columns.stationID == stationID && request.neighbourSequences.contains(Columns.sequence)).fetchAll(db)
        let audit = try Row.fetchAll(
            db, sql: "SELECT seq, time, officer, action, object, details, prevHash, hash FROM filed_audit WHERE stationID = ? AND seq BETWEEN ? AND ? ORDER BY seq",
            arguments: [stationID, request.auditSeqs.lowerBound, request.auditSeqs.upperBound]
        ).map { row in
            AuditRecord(seq: row["seq"], time: row["time"], officer: row["officer"], action: row["action"], object: row["object"],
                        details: row["details"], prevHash: row["prevHash"], hash: row["hash"])
        }
        var seals: [String: FiledSealRecord] = [:]
        // In chunks below SQLite's limit on bound parameters.
        for start in stride(from: 0, to: request.esIDs.count, by: 500) {
            let chunk = Array(request.esIDs[start..<min(start + 500, request.esIDs.count)])
            for seal in try FiledSealRecord.filter(chunk.contains(Columns.esID)).fetchAll(db) { seals[seal.esID] = seal }
        }
        let crlWithNumber = try request.crlNumber.flatMap { number in
            try FiledCRLRecord.fetchOne(db, key: ["stationID": stationID, "number": number])
        }
        func carried(_ comparison: String, _ order: String) throws -> FiledCRLRecord? {
            try FiledCRLRecord.fetchOne(db, sql: """
                SELECT filed_crl.* FROM filed_crl JOIN filing_bundle ON filing_bundle.stationID = filed_crl.stationID
                    AND filing_bundle.crlNumber = filed_crl.number
                WHERE filing_bundle.stationID = ? AND filing_bundle.sequence \(comparison) ? ORDER BY filing_bundle.sequence \(order) LIMIT 1
                """, arguments: [stationID, request.sequence])
        }
        let before = try carried("<", "DESC"), after = try carried(">", "ASC")
        var entries: [Int64: [FiledRevocationRecord]] = [:]
        for crl in [before, after].compactMap({ $0 }) {
            entries[crl.number] = try FiledRevocationRecord.filter(Columns.stationID == stationID && Column("crlNumber") == crl.number).fetchAll(db)
        }
        return FilingSnapshot(
            request: request, station: try FilingStationRecord.fetchOne(db, key: stationID), bundleWithSM3: bundleWithSM3, newestBundles: newest,
            neighbours: Dictionary(neighbours.map { ($0.sequence, $0) }, uniquingKeysWith: { first, _ in first }), auditRecords: audit,
            filedSeals: seals, crlWithNumber: crlWithNumber, crlBefore: before, crlAfter: after, crlEntries: entries)
    }

    /// Stores everything one import adds.
    static func store(_ filing: FilingImport, db: Database) throws {
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
        for seal in filing.seals { try seal.record().save(db) }
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

// The records are GRDB records for this store (a public conformance, so GRDB is imported publicly here).
extension FiledSealRecord: FetchableRecord, PersistableRecord {}
extension FiledSealListing: FetchableRecord {}
extension FilingBundleRecord: FetchableRecord, PersistableRecord {}
extension FilingStationRecord: FetchableRecord, PersistableRecord {}
extension FiledCRLRecord: FetchableRecord, PersistableRecord {}
extension FiledRevocationRecord: FetchableRecord, PersistableRecord {}
extension FilingClientRecord: FetchableRecord, PersistableRecord {}
