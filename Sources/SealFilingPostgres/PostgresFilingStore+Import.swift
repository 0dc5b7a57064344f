import Foundation
import PostgresNIO
import SealAudit
import SealBundle
import SealFiling

/// What one import reads (the policy's snapshot, in a few batched queries) and writes (multi-row inserts), on the
/// connection of its transaction.
extension PostgresFilingStore {
    /// Rows per multi-row INSERT: below PostgreSQL's 65,535 bound parameters for the widest table (26 columns).
    static let rowsPerInsert = 1_000
    /// Bytes of bound values per multi-row INSERT at most (a seal's files are tens to hundreds of KB): what one insert
    /// holds in memory, whatever the bundle's size.
    static let bytesPerInsert = 8 << 20

    /// The rows of `query` on `connection`, decoded.
    func rows<Row>(_ query: PostgresQuery, on connection: PostgresConnection, _ decode: (PostgresRandomAccessRow) throws -> Row) async throws -> [Row] {
        var decoded: [Row] = []
        for try await row in try await connection.query(query, logger: logger) { decoded.append(try decode(row.makeRandomAccess())) }
        return decoded
    }

    /// The snapshot `request` names, read inside the import's transaction (after the station's lock is taken).
    func snapshot(_ request: FilingSnapshotRequest, on connection: PostgresConnection) async throws -> FilingSnapshot {
        let stationID = request.stationID
        let station = try await rows("SELECT * FROM filing_station WHERE id = \(stationID)", on: connection, FilingStationRecord.init(row:)).first
        let bundleWithSM3 = try await rows("SELECT * FROM filing_bundle WHERE sm3 = \(request.sm3)", on: connection, FilingBundleRecord.init(row:)).first
        var newest: [String: FilingBundleRecord] = [:]
        for id in FilingSnapshot.newestBundleStations(request, bundleWithSM3: bundleWithSM3) {
            newest[id] = try await rows("SELECT * FROM filing_bundle WHERE station_id = \(id) ORDER BY sequence DESC LIMIT 1", on: connection,
                                        FilingBundleRecord.init(row:)).first
        }
        let neighbours = try await rows(
            "SELECT * FROM filing_bundle WHERE station_id = \(stationID) AND sequence = ANY(\(request.neighbourSequences))", on: connection,
            FilingBundleRecord.init(row:))
        let audit = try await rows(
            """
            SELECT * FROM filed_audit WHERE station_id = \(stationID) AND seq BETWEEN \(request.auditSeqs.lowerBound) AND \(request.auditSeqs.upperBound)
            ORDER BY seq
            """, on: connection, AuditRecord.init(row:))
        var seals: [String: FiledSealRecord] = [:]
        if !request.esIDs.isEmpty {
            for seal in try await rows("SELECT * FROM filed_seal WHERE es_id = ANY(\(request.esIDs))", on: connection, FiledSealRecord.init(row:)) {
                seals[seal.esID] = seal
            }
        }
        var crlWithNumber: FiledCRLRecord?
        if let number = request.crlNumber {
            crlWithNumber = try await rows("SELECT * FROM filed_crl WHERE station_id = \(stationID) AND number = \(number)", on: connection,
                                           FiledCRLRecord.init(row:)).first
        }
        let before = try await rows(
            """
            SELECT filed_crl.* FROM filed_crl JOIN filing_bundle ON filing_bundle.station_id = filed_crl.station_id
                AND filing_bundle.crl_number = filed_crl.number
            WHERE filing_bundle.station_id = \(stationID) AND filing_bundle.sequence < \(request.sequence) ORDER BY filing_bundle.sequence DESC LIMIT 1
            """, on: connection, FiledCRLRecord.init(row:)).first
        let after = try await rows(
            """
            SELECT filed_crl.* FROM filed_crl JOIN filing_bundle ON filing_bundle.station_id = filed_crl.station_id
                AND filing_bundle.crl_number = filed_crl.number
            WHERE filing_bundle.station_id = \(stationID) AND filing_bundle.sequence > \(request.sequence) ORDER BY filing_bundle.sequence LIMIT 1
            """, on: connection, FiledCRLRecord.init(row:)).first
        var entries: [Int64: [FiledRevocationRecord]] = [:]
        for crl in [before, after].compactMap({ $0 }) {
            entries[crl.number] = try await rows(
                "SELECT * FROM filed_crl_entry WHERE station_id = \(stationID) AND crl_number = \(crl.number)", on: connection,
                FiledRevocationRecord.init(row:))
        }
        return FilingSnapshot(
            request: request, station: station, bundleWithSM3: bundleWithSM3, newestBundles: newest,
            neighbours: Dictionary(neighbours.map { ($0.sequence, $0) }, uniquingKeysWith: { first, _ in first }), auditRecords: audit,
            filedSeals: seals, crlWithNumber: crlWithNumber, crlBefore: before, crlAfter: after, crlEntries: entries)
    }

    /// Stores everything one import adds, in the order the foreign keys need.
    func store(_ filing: FilingImport, on connection: PostgresConnection) async throws {
        if let station = filing.enrolment {
            try await connection.query(
                """
                INSERT INTO filing_station (id, name, organization, ca_certificate, first_imported_at)
                VALUES (\(station.id), \(station.name), \(station.organization), \(station.caCertificate), \(station.firstImportedAt))
                """, logger: logger)
        }
        if let crl = filing.crl {
            try await connection.query(
                """
                INSERT INTO filed_crl (station_id, number, this_update, next_update, der, sm3, bundle_sequence, entries)
                VALUES (\(crl.stationID), \(crl.number), \(crl.thisUpdate), \(crl.nextUpdate), \(crl.der), \(crl.sm3), \(crl.bundleSequence), \(crl.entries))
                """, logger: logger)
            try await insert(
                into: "filed_crl_entry", ["station_id", "crl_number", "serial", "revocation_date", "reason_code", "invalidity_date"], filing.crlEntries,
                on: connection
            ) { entry, row in
                row.append(entry.stationID); row.append(entry.crlNumber); row.append(entry.serial); row.append(entry.revocationDate)
                row.append(entry.reasonCode); row.append(entry.invalidityDate)
            }
        }
        let bundle = filing.bundle
        try await connection.query(
            """
            INSERT INTO filing_bundle (station_id, sequence, sm3, previous_sm3, created_at, imported_at, audit_first_seq, audit_last_seq,
                audit_last_hash, seals, uses, anomaly, crl_number)
            VALUES (\(bundle.stationID), \(bundle.sequence), \(bundle.sm3), \(bundle.previousSM3), \(bundle.createdAt), \(bundle.importedAt),
                \(bundle.auditFirstSeq), \(bundle.auditLastSeq), \(bundle.auditLastHash), \(bundle.seals), \(bundle.uses), \(bundle.anomaly),
                \(bundle.crlNumber))
            """, logger: logger)
        let stationID = bundle.stationID
        try await insert(
            into: "filed_audit", ["station_id", "seq", "time", "officer", "action", "object", "details", "prev_hash", "hash"], filing.auditRecords,
            on: connection
        ) { record, row in
            row.append(stationID); row.append(record.seq); row.append(record.time); row.append(record.officer); row.append(record.action)
            row.append(record.object); row.append(record.details); try row.append(record.prevHash); try row.append(record.hash)
        }
        let sealColumns = FiledSealRecord.columns
        try await insert(
            into: "filed_seal", sealColumns, filing.seals, on: connection,
            onConflict: "ON CONFLICT (es_id) DO UPDATE SET "
                + sealColumns.filter { $0 != "es_id" }.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", "),
            size: \.byteCount
        ) { seal, row in try seal.record().bind(into: &row) }
        try await insert(
            into: "filed_use",
            ["station_id", "bundle_sequence", "es_id", "used_at", "reason", "approver", "officer", "count", "document_name", "document_sm3", "signature_sm3"],
            filing.uses, on: connection, onConflict: "ON CONFLICT (station_id, signature_sm3) DO NOTHING"
        ) { use, row in
            row.append(stationID); row.append(bundle.sequence); row.append(use.esID); row.append(use.usedAt); row.append(use.reason)
            row.append(use.approver); row.append(use.officer); row.append(use.count); row.append(use.documentName); row.append(use.documentSM3)
            row.append(use.signatureSM3)
        }
    }

    /// Inserts `items` into `table` in multi-row INSERTs of at most ``rowsPerInsert`` rows and, where `size` says
    /// what an item weighs, ``bytesPerInsert`` bytes; each row's values bound by `bind`.
    func insert<Item>(into table: String, _ columns: [String], _ items: [Item], on connection: PostgresConnection, onConflict: String = "",
                      size: ((Item) -> Int)? = nil, bind: (Item, inout PostgresBindings) throws -> Void) async throws {
        var start = 0
        while start < items.count {
            var end = start + 1, bytes = size?(items[start]) ?? 0
            while end < items.count, end - start < Self.rowsPerInsert {
                let next = size?(items[end]) ?? 0
                if bytes + next > Self.bytesPerInsert { break }
                bytes += next
                end += 1
            }
            let chunk = items[start..<end]
            start = end
            var bindings = PostgresBindings(capacity: chunk.count * columns.count)
            var tuples: [String] = []
            tuples.reserveCapacity(chunk.count)
            for item in chunk {
                let first = bindings.count
                try bind(item, &bindings)
                precondition(bindings.count - first == columns.count, "\(table): \(bindings.count - first) values for \(columns.count) columns")
                tuples.append("(" + (first + 1...first + columns.count).map { "$\($0)" }.joined(separator: ", ") + ")")
            }
            let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES " + tuples.joined(separator: ", ") + " " + onConflict
            try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
        }
    }
}
