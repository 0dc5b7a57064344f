import Foundation
import PostgresNIO
import SealFiling

/// The schema, as append-only named migrations recorded in `filing_migration`; whichever instance starts first applies
/// them, under an advisory lock, in one transaction (PostgreSQL's DDL is transactional).
extension PostgresFilingStore {
    /// The migrations, in order: their names and SQL.
    static let migrations: [(name: String, sql: [String])] = [
        ("filing-v1", [
            """
            CREATE TABLE filing_station (
                id text PRIMARY KEY, name text NOT NULL, organization text NOT NULL, ca_certificate bytea NOT NULL,
                first_imported_at timestamptz NOT NULL)
            """,
            """
            CREATE TABLE filed_crl (
                station_id text NOT NULL REFERENCES filing_station, number bigint NOT NULL, this_update timestamptz NOT NULL,
                next_update timestamptz, der bytea NOT NULL, sm3 text NOT NULL, bundle_sequence bigint NOT NULL, entries bigint NOT NULL,
                PRIMARY KEY (station_id, number))
            """,
            """
            CREATE TABLE filed_crl_entry (
                station_id text NOT NULL, crl_number bigint NOT NULL, serial text NOT NULL, revocation_date timestamptz NOT NULL,
                reason_code bigint, invalidity_date timestamptz,
                PRIMARY KEY (station_id, crl_number, serial), FOREIGN KEY (station_id, crl_number) REFERENCES filed_crl)
            """,
            """
            CREATE TABLE filing_bundle (
                station_id text NOT NULL REFERENCES filing_station, sequence bigint NOT NULL, sm3 text NOT NULL UNIQUE, previous_sm3 text,
                created_at timestamptz NOT NULL, imported_at timestamptz NOT NULL, audit_first_seq bigint NOT NULL,
                audit_last_seq bigint NOT NULL, audit_last_hash bytea NOT NULL, seals bigint NOT NULL, uses bigint NOT NULL, anomaly text,
                crl_number bigint, PRIMARY KEY (station_id, sequence), FOREIGN KEY (station_id, crl_number) REFERENCES filed_crl)
            """,
            """
            CREATE TABLE filed_seal (
                es_id text PRIMARY KEY, station_id text NOT NULL REFERENCES filing_station, bundle_sequence bigint NOT NULL,
                name text NOT NULL, kind text NOT NULL, template text NOT NULL, unit_name text NOT NULL, credit_code text NOT NULL,
                use_name text, holder_name text, holder_id_number text, physical_code text, state text NOT NULL,
                valid_from timestamptz NOT NULL, valid_to timestamptz NOT NULL, issued_at timestamptz NOT NULL, issued_by text,
                approved_by text, replaces_es_id text, revoked_at timestamptz, revoke_reason text, seal_sm3 text NOT NULL,
                seal_der bytea NOT NULL, image_svg bytea NOT NULL, holder_certificate bytea NOT NULL)
            """,
            // A unit's seals, newest first, straight from the index.
            "CREATE INDEX filed_seal_by_unit ON filed_seal (credit_code, issued_at DESC, es_id)",
            "CREATE INDEX filed_seal_by_station ON filed_seal (station_id)",
            """
            CREATE TABLE filed_use (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, station_id text NOT NULL REFERENCES filing_station,
                bundle_sequence bigint NOT NULL, es_id text NOT NULL, used_at timestamptz NOT NULL, reason text NOT NULL,
                approver text NOT NULL, officer text NOT NULL, count bigint NOT NULL, document_name text NOT NULL,
                document_sm3 text NOT NULL, signature_sm3 text NOT NULL, UNIQUE (station_id, signature_sm3))
            """,
            "CREATE INDEX filed_use_by_seal ON filed_use (es_id)",
            """
            CREATE TABLE filed_audit (
                station_id text NOT NULL REFERENCES filing_station, seq bigint NOT NULL, time text NOT NULL, officer text NOT NULL,
                action text NOT NULL, object text NOT NULL, details text NOT NULL, prev_hash bytea NOT NULL, hash bytea NOT NULL,
                PRIMARY KEY (station_id, seq))
            """,
            """
            CREATE TABLE filing_client (
                name text PRIMARY KEY, token_sha256 text NOT NULL UNIQUE, added_at timestamptz NOT NULL, revoked_at timestamptz)
            """,
        ]),
    ]

    /// The schema's tables, parents first.
    public static let tables = ["filing_station", "filed_crl", "filed_crl_entry", "filing_bundle", "filed_seal", "filed_use", "filed_audit", "filing_client"]

    /// The advisory-lock key of migrations.
    static let migrationLock: Int64 = 0x5345_414c_4d49_4752  // "SEALMIGR"

    /// The migrations recorded, by name; empty before the first.
    func appliedMigrations() async throws -> [String] {
        do {
            var names: [String] = []
            let exists = try await client.query("SELECT to_regclass('filing_migration') IS NOT NULL AS present", logger: logger)
            for try await present in exists.decode(Bool.self) where !present { return [] }
            for try await name in try await client.query("SELECT name FROM filing_migration ORDER BY name", logger: logger).decode(String.self) {
                names.append(name)
            }
            return names
        } catch {
            throw Self.storeError(error, operation: "connect")
        }
    }

    /// Applies the migrations this database lacks; refuses a database with migrations this program does not know.
    func migrate() async throws {
        // A schema already up to date is only read (so an instance on a read-only streaming replica starts).
        if Set(try await appliedMigrations()) == Set(Self.migrations.map(\.name)) { return }
        do {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.migrationLock))", logger: self.logger)
                try await connection.query(
                    "CREATE TABLE IF NOT EXISTS filing_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL)", logger: self.logger)
                var applied: [String] = []
                for try await name in try await connection.query("SELECT name FROM filing_migration ORDER BY name", logger: self.logger)
                    .decode(String.self) { applied.append(name) }
                let known = Set(Self.migrations.map(\.name))
                let unknown = applied.filter { !known.contains($0) }
                guard unknown.isEmpty else {
                    throw FilingStoreError.schemaNewer(path: self.location.description, unknownMigrations: unknown)
                }
                for migration in Self.migrations where !applied.contains(migration.name) {
                    for statement in migration.sql { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: self.logger) }
                    try await connection.query("INSERT INTO filing_migration (name, applied_at) VALUES (\(migration.name), now())", logger: self.logger)
                }
            }
        } catch let error as PostgresTransactionError {
            // storeError passes a FilingStoreError (a newer schema) through as it is.
            throw Self.storeError(Self.cause(of: error), operation: "migrate the schema")
        } catch {
            throw Self.storeError(error, operation: "connect")
        }
    }
}
