public import Foundation
public import Logging
public import SealFiling
import NIOSSL
import PostgresNIO
import _ConnectionPoolModule

/// The online side's filing registry (备案库) in a PostgreSQL database, for a city or province: any number of
/// `sealfiling serve` instances on any number of machines import into one primary. Each import is one transaction
/// holding the station's advisory lock (``importing(_:_:)``), so a bundle is imported exactly once and each station's
/// sequence rules hold however many importers run; the schema is migrated by whichever instance starts first.
public final class PostgresFilingStore: FilingStore {
    /// The database, without its password.
    public let location: PostgresLocation
    let client: PostgresClient
    let logger: Logger
    private let runner: Task<Void, Never>

    private init(location: PostgresLocation, client: PostgresClient, logger: Logger) {
        self.location = location
        self.client = client
        self.logger = logger
        runner = Task { await client.run() }
    }

    deinit { runner.cancel() }

    /// Connects to the database at `location`, creating and migrating the schema when needed.
    /// - Parameter maximumConnections: the connection pool's size (each concurrent import or query holds one).
    /// - Throws: ``FilingStoreError/unavailable(reason:)`` when the server cannot be reached,
    ///   ``FilingStoreError/schemaNewer(path:unknownMigrations:)`` for a schema a newer program wrote.
    public static func open(_ location: PostgresLocation, maximumConnections: Int = 16,
                            logger: Logger = defaultLogger) async throws -> PostgresFilingStore {
        let tls: PostgresClient.Configuration.TLS
        switch (location.endpoint, location.tls) {
        case (.unixSocket, _), (_, .disable): tls = .disable
        case (_, .prefer): tls = .prefer(.makeClientConfiguration())
        case (_, .require): tls = .require(.makeClientConfiguration())
        }
        var configuration: PostgresClient.Configuration
        switch location.endpoint {
        case .tcp(let host, let port):
            configuration = .init(host: host, port: port, username: location.username, password: location.password,
                                  database: location.database, tls: tls)
        case .unixSocket(let path):
            configuration = .init(unixSocketPath: path, username: location.username, password: location.password, database: location.database)
        }
        configuration.options.maximumConnections = max(1, maximumConnections)
        configuration.options.connectTimeout = .seconds(5)
        let store = PostgresFilingStore(location: location, client: PostgresClient(configuration: configuration, backgroundLogger: logger),
                                        logger: logger)
        do {
            try await store.migrate()
        } catch {
            await store.close()
            throw error
        }
        return store
    }

    /// Closes every connection; the store cannot be used afterwards.
    public func close() async {
        runner.cancel()
        await runner.value
    }

    /// The store's logger unless one is given: errors only (the client's notices, such as a lease taken while its
    /// pool starts, are not the user's business).
    public static var defaultLogger: Logger {
        var logger = Logger(label: "sealfiling.postgres")
        logger.logLevel = .error
        return logger
    }

    // MARK: - FilingStore

    /// One import: a transaction that first takes the station's advisory lock (`pg_advisory_xact_lock`, released at
    /// commit or rollback), so imports of one station run one at a time on every instance while other stations'
    /// run alongside; then the snapshot, the policy's decision and its rows. A unique violation (another station
    /// filing the same esID at the same moment), a serialization failure or a deadlock is retried from the start,
    /// where the policy sees the other transaction's rows and decides again.
    public func importing<T: Sendable>(
        _ request: FilingSnapshotRequest, _ decide: @escaping @Sendable (FilingSnapshot) throws -> (filing: FilingImport?, result: T)
    ) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await client.withTransaction(logger: logger) { connection in
                    try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockSpace), hashtext(\(request.stationID)))", logger: self.logger)
                    let snapshot = try await self.snapshot(request, on: connection)
                    let decision = try decide(snapshot)
                    if let filing = decision.filing { try await self.store(filing, on: connection) }
                    return decision.result
                }
            } catch {
                // The policy's refusal, or a store error of ours, as it is.
                let cause = Self.cause(of: error)
                if cause is BundleImportError || cause is FilingStoreError { throw cause }
                if let psql = cause as? PSQLError, Self.isRetryable(psql), attempt < 4 { continue }
                throw Self.storeError(cause, operation: "import")
            }
        }
    }

    public func filedSeals(_ query: FiledSealQuery) async throws -> [FiledSealRecord] {
        let selection = Self.selection(query, columns: "*")
        return try await rows("query filings", decode: FiledSealRecord.init(row:)) { selection }
    }

    public func filedSealListings(_ query: FiledSealQuery) async throws -> [FiledSealListing] {
        let selection = Self.selection(query, columns: FiledSealListing.columns.joined(separator: ", "))
        return try await rows("list filings", decode: FiledSealListing.init(row:)) { selection }
    }

    /// `columns` of the seals `query` selects, newest first.
    static func selection(_ query: FiledSealQuery, columns: String) -> PostgresQuery {
        var bindings = PostgresBindings()
        var conditions: [String] = []
        func condition(_ sql: String, _ value: String) {
            bindings.append(value)
            conditions.append(sql.replacingOccurrences(of: "?", with: "$\(bindings.count)"))
        }
        if let code = query.creditCode { condition("credit_code = ?", code) }
        if let esID = query.esID { condition("es_id = ?", esID) }
        if let pattern = query.namePattern { condition("name LIKE ? ESCAPE '\\'", pattern) }
        if let state = query.state { condition("state = ?", state) }
        var sql = "SELECT \(columns) FROM filed_seal" + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
            + " ORDER BY issued_at DESC, es_id"
        if let limit = query.limit { sql += " LIMIT \(limit)" }
        if query.offset > 0 { sql += " OFFSET \(query.offset)" }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    public func bundles() async throws -> [FilingBundleRecord] {
        try await rows("list bundles", decode: FilingBundleRecord.init(row:)) { "SELECT * FROM filing_bundle ORDER BY station_id, sequence" }
    }

    public func bundles(stationID: String) async throws -> [FilingBundleRecord] {
        try await rows("list a station's bundles", decode: FilingBundleRecord.init(row:)) {
            "SELECT * FROM filing_bundle WHERE station_id = \(stationID) ORDER BY sequence"
        }
    }

    public func useCount(esID: String) async throws -> Int {
        try await rows("count uses", decode: { try $0.value("total", Int.self) }) {
            "SELECT COALESCE(SUM(count), 0)::bigint AS total FROM filed_use WHERE es_id = \(esID)"
        }.first ?? 0
    }

    public func stations() async throws -> [FilingStationRecord] {
        try await rows("list stations", decode: FilingStationRecord.init(row:)) { "SELECT * FROM filing_station ORDER BY id" }
    }

    public func station(id: String) async throws -> FilingStationRecord? {
        try await rows("read a station", decode: FilingStationRecord.init(row:)) { "SELECT * FROM filing_station WHERE id = \(id)" }.first
    }

    public func ping() async throws {
        _ = try await rows("answer a query", decode: { try $0.value("one", Int.self) }) { "SELECT 1::bigint AS one" }
    }

    public func latestCRL(stationID: String) async throws -> FiledCRLRecord? {
        try await rows("read CRLs", decode: FiledCRLRecord.init(row:)) {
            "SELECT * FROM filed_crl WHERE station_id = \(stationID) ORDER BY number DESC LIMIT 1"
        }.first
    }

    public func crlEntry(stationID: String, crlNumber: Int64, serial: String) async throws -> FiledRevocationRecord? {
        try await rows("read CRL entries", decode: FiledRevocationRecord.init(row:)) {
            "SELECT * FROM filed_crl_entry WHERE station_id = \(stationID) AND crl_number = \(crlNumber) AND serial = \(serial)"
        }.first
    }

    public func addClient(_ client: FilingClientRecord) async throws {
        do {
            try await self.client.query(
                "INSERT INTO filing_client (name, token_sha256, added_at, revoked_at) VALUES (\(client.name), \(client.tokenSHA256), \(client.addedAt), \(client.revokedAt))",
                logger: logger)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            throw FilingStoreError.clientExists(name: client.name)
        } catch {
            throw Self.storeError(error, operation: "add a client")
        }
    }

    public func revokeClient(name: String, at date: Date) async throws -> FilingClientRecord? {
        try await rows("revoke a client", decode: FilingClientRecord.init(row:)) {
            "UPDATE filing_client SET revoked_at = COALESCE(revoked_at, \(date)) WHERE name = \(name) RETURNING *"
        }.first
    }

    public func client(tokenSHA256: String) async throws -> FilingClientRecord? {
        try await rows("look a client up", decode: FilingClientRecord.init(row:)) {
            "SELECT * FROM filing_client WHERE token_sha256 = \(tokenSHA256)"
        }.first
    }

    public func clients() async throws -> [FilingClientRecord] {
        try await rows("list clients", decode: FilingClientRecord.init(row:)) { "SELECT * FROM filing_client ORDER BY name" }
    }

    // MARK: - Queries

    /// The advisory-lock key space of imports (the first half of the two-key lock; the second is the station).
    static let lockSpace: Int32 = 0x5345_414c  // "SEAL"

    /// Runs `query` and decodes every row; failures name `operation`.
    func rows<Row: Sendable>(_ operation: String, decode: (PostgresRandomAccessRow) throws -> Row, _ query: () -> PostgresQuery) async throws -> [Row] {
        do {
            var decoded: [Row] = []
            for try await row in try await client.query(query(), logger: logger) { decoded.append(try decode(row.makeRandomAccess())) }
            return decoded
        } catch let error as PostgresDecodingError {
            throw FilingStoreError.database(operation: operation, reason: "column \(error.columnName) holds an unexpected value (\(error.code))")
        } catch {
            throw Self.storeError(error, operation: operation)
        }
    }

    /// What failed inside a transaction (the closure, BEGIN, COMMIT or ROLLBACK), or `error` itself when it is not a
    /// transaction's error.
    static func cause(of error: any Error) -> any Error {
        guard let error = error as? PostgresTransactionError else { return error }
        return error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError ?? error
    }

    /// Whether running the transaction again can succeed: a unique violation between two importers, a serialization
    /// failure or a deadlock.
    static func isRetryable(_ error: PSQLError) -> Bool {
        ["23505", "40001", "40P01"].contains(error.serverInfo?[.sqlState] ?? "")
    }

    /// The store's error for `error`: ``FilingStoreError/unavailable(reason:)`` when the server cannot be reached or
    /// went away (connection failures, SQLSTATE classes 08 and 57P), otherwise the server's message.
    static func storeError(_ error: any Error, operation: String) -> FilingStoreError {
        if let error = error as? FilingStoreError { return error }
        if let error = error as? ConnectionPoolError {
            // No connection could be made for a while (the circuit breaker), or the pool is closing.
            return .unavailable(reason: error == .connectionCreationCircuitBreakerTripped ? "no connection to the server could be made" : "\(error)")
        }
        guard let error = error as? PSQLError else { return .database(operation: operation, reason: "\(error)") }
        if let state = error.serverInfo?[.sqlState] {
            let message = error.serverInfo?[.message] ?? state
            if state.hasPrefix("08") || state.hasPrefix("57P") { return .unavailable(reason: "\(message) (SQLSTATE \(state))") }
            return .database(operation: operation, reason: "\(message) (SQLSTATE \(state))")
        }
        switch error.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
            return .unavailable(reason: "\(error.code)" + (error.underlying.map { ": \($0)" } ?? ""))
        default:
            return .database(operation: operation, reason: "\(error.code)" + (error.underlying.map { ": \($0)" } ?? ""))
        }
    }
}
