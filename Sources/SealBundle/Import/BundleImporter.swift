public import Foundation
import GRDB
import SealCrypto
public import SealRegistry

/// Imports verified filing bundles into the online filing registry, idempotently and in sequence order: the same
/// bundle twice is a no-op; a missing, reordered or replayed bundle, or one that does not chain to the last one
/// imported (previous-bundle SM3, audit records), is refused unless gaps are accepted; a different bundle with an
/// imported number is always refused. All or nothing: one transaction.
public struct BundleImporter: Sendable {
    public let database: FilingDatabase
    /// Import despite a gap, a late (out-of-order) bundle or a broken chain; the anomaly is recorded with the bundle.
    public var acceptGap: Bool

    public init(database: FilingDatabase, acceptGap: Bool = false) {
        self.database = database
        self.acceptGap = acceptGap
    }

    /// What an import did.
    public struct Result: Codable, Sendable {
        /// imported or already-imported.
        public enum Status: String, Codable, Sendable {
            case imported
            case alreadyImported = "already-imported"
        }

        public var status: Status
        public var stationID: String
        public var stationName: String
        public var sequence: Int64
        public var sm3: String
        public var seals: Int
        public var uses: Int
        /// The gap or break accepted, if any.
        public var anomaly: String?
        public var message: String
    }

    /// Imports the bundle `outcome` describes (from ``BundleVerifier``); refuses one that did not verify.
    public func importBundle(_ outcome: BundleVerifier.Outcome, now: Date) throws -> Result {
        guard outcome.report.isValid, let bundle = outcome.bundle, let station = outcome.stationCertificate else {
            throw BundleImportError.notVerified(outcome.report.firstFailure ?? "not verified")
        }
        let info = bundle.info, sm3 = outcome.report.sm3
        func result(_ status: Result.Status, anomaly: String?, _ message: String) -> Result {
            Result(status: status, stationID: info.stationID, stationName: info.stationName, sequence: info.sequence, sm3: sm3,
                   seals: bundle.seals.count, uses: bundle.uses.count, anomaly: anomaly, message: message)
        }
        do {
            return try database.writer.write { db in
                if let existing = try FilingBundleRecord.filter(Column("sm3") == sm3).fetchOne(db) {
                    let newest = try Int64.fetchOne(db, sql: "SELECT MAX(sequence) FROM filing_bundle WHERE stationID = ?", arguments: [existing.stationID]) ?? 0
                    return result(.alreadyImported, anomaly: existing.anomaly,
                                  "bundle \(existing.sequence) was already imported on \(BundleInfo.timestamp(existing.importedAt)); nothing changed"
                                      + (existing.sequence < newest ? " (a replay: bundle \(newest) is newer)" : ""))
                }
                // The station: enrolled by its first bundle with a pinned CA.
                if try Row.fetchOne(db, sql: "SELECT 1 FROM filing_station WHERE id = ?", arguments: [info.stationID]) == nil {
                    guard outcome.report.anchored else { throw BundleImportError.stationNotEnrolled(stationID: info.stationID, name: info.stationName) }
                    try db.execute(sql: "INSERT INTO filing_station (id, name, organization, caCertificate, firstImportedAt) VALUES (?, ?, ?, ?, ?)",
                                   arguments: [info.stationID, info.stationName, info.organization, Data(station.derEncoded), now])
                }
                let anomaly = try Self.sequenceAnomaly(db, bundle: bundle, sm3: sm3)
                if let anomaly, !acceptGap { throw BundleImportError.gap(anomaly) }
                guard let lastHash = bundle.auditRecords.last?.record?.hash else { throw BundleImportError.notVerified("no audit records") }
                try FilingBundleRecord(
                    stationID: info.stationID, sequence: info.sequence, sm3: sm3, previousSM3: info.previousBundleSM3, createdAt: info.created,
                    importedAt: now, auditFirstSeq: info.auditFirstSeq, auditLastSeq: info.auditLastSeq, auditLastHash: lastHash,
                    seals: bundle.seals.count, uses: bundle.uses.count, anomaly: anomaly
                ).insert(db)
                let audit = try db.makeStatement(sql: """
                    INSERT INTO filed_audit (stationID, seq, time, officer, action, object, details, prevHash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for filed in bundle.auditRecords {
                    guard let record = filed.record else { continue }
                    // Records already filed (an accepted overlap) must be the same records.
                    if let hash = try Data.fetchOne(db, sql: "SELECT hash FROM filed_audit WHERE stationID = ? AND seq = ?",
                                                    arguments: [info.stationID, record.seq]) {
                        guard hash == record.hash else { throw BundleImportError.auditConflict(seq: record.seq) }
                        continue
                    }
                    try audit.execute(arguments: [info.stationID, record.seq, record.time, record.officer, record.action, record.object,
                                                  record.details, record.prevHash, record.hash])
                }
                for entry in bundle.seals {
                    let filing = entry.filing
                    if let current = try FiledSealRecord.fetchOne(db, key: filing.esID) {
                        guard current.stationID == info.stationID else { throw BundleImportError.foreignSeal(esID: filing.esID, stationID: current.stationID) }
                        // A seal, once made, never changes: only its state and revocation may.
                        guard current.sealSM3 == filing.sealSM3, current.holderCertificate == Data(entry.holderCertificate),
                              current.imagePNG == Data(entry.png), current.imageSVG == Data(entry.svg)
                        else { throw BundleImportError.sealChanged(esID: filing.esID) }
                        // A late bundle (accepted out of order) never rolls a seal back to an older state.
                        if current.bundleSequence > info.sequence { continue }
                    }
                    try FiledSealRecord(
                        esID: filing.esID, stationID: info.stationID, bundleSequence: info.sequence, name: filing.name, kind: filing.kind.rawValue,
                        template: filing.template, unitName: filing.unitName, creditCode: filing.creditCode, useName: filing.useName,
                        holderName: filing.holderName, holderIDNumber: filing.holderIDNumber, state: filing.state, validFrom: filing.validFrom,
                        validTo: filing.validTo, issuedAt: filing.issuedAt, replacesESID: filing.replacesESID, revokedAt: filing.revokedAt,
                        revokeReason: filing.revokeReason, sealSM3: filing.sealSM3, sealDER: Data(entry.sealDER), imagePNG: Data(entry.png),
                        imageSVG: Data(entry.svg), holderCertificate: Data(entry.holderCertificate)
                    ).save(db)
                }
                let use = try db.makeStatement(sql: """
                    INSERT OR IGNORE INTO filed_use (stationID, bundleSequence, esID, usedAt, reason, approver, officer, count, documentName,
                        documentSM3, signatureSM3) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for filed in bundle.uses {
                    try use.execute(arguments: [info.stationID, info.sequence, filed.esID, filed.usedAt, filed.reason, filed.approver, filed.officer,
                                                filed.count, filed.documentName, filed.documentSM3, filed.signatureSM3])
                }
                return result(.imported, anomaly: anomaly,
                              "imported bundle \(info.sequence) of \(info.stationName): \(bundle.seals.count) seals, \(bundle.uses.count) uses"
                                  + (anomaly.map { " (accepted: \($0))" } ?? ""))
            }
        } catch let error as BundleImportError {
            throw error
        } catch let error as DatabaseError {
            throw RegistryError.database(operation: "import \(outcome.report.bundle)", reason: error.message ?? "\(error)")
        }
    }

    /// Where this bundle breaks the station's sequence, if it does; a conflicting number is thrown.
    static func sequenceAnomaly(_ db: Database, bundle: FilingBundle, sm3: String) throws -> String? {
        let info = bundle.info
        if let same = try FilingBundleRecord.fetchOne(db, key: ["stationID": info.stationID, "sequence": info.sequence]) {
            throw BundleImportError.conflict(sequence: info.sequence, importedSM3: same.sm3)
        }
        guard let last = try FilingBundleRecord.filter(Column("stationID") == info.stationID).order(Column("sequence").desc).fetchOne(db) else {
            return info.sequence == 1 ? nil : "gap: bundles 1–\(info.sequence - 1) of this station were never imported"
        }
        if info.sequence < last.sequence {
            // A late bundle: it must fit between its imported neighbours to fill the gap it left.
            let before = try FilingBundleRecord.fetchOne(db, key: ["stationID": info.stationID, "sequence": info.sequence - 1])
            let after = try FilingBundleRecord.fetchOne(db, key: ["stationID": info.stationID, "sequence": info.sequence + 1])
            let firstPrevious = try Data.fetchOne(db, sql: "SELECT prevHash FROM filed_audit WHERE stationID = ? AND seq = ?",
                                                  arguments: [info.stationID, info.auditLastSeq + 1])
            let fitsBefore = try before.map { try continues(bundle, from: $0) } ?? (info.sequence == 1)
            let fitsAfter = after.map { $0.previousSM3 == sm3 && $0.auditFirstSeq == info.auditLastSeq + 1
                && firstPrevious == bundle.auditRecords.last?.record?.hash } ?? true
            return "out of order: bundle \(info.sequence) arrives after bundle \(last.sequence)"
                + (fitsBefore && fitsAfter ? " (it fits between the bundles imported around it: a gap filled late)"
                    : " and does not fit between the bundles imported around it (a replayed, altered or forked bundle)")
        }
        if info.sequence > last.sequence + 1 {
            let missing = last.sequence + 1 == info.sequence - 1 ? "bundle \(last.sequence + 1) is" : "bundles \(last.sequence + 1)–\(info.sequence - 1) are"
            return "gap: \(missing) missing (the last imported is \(last.sequence))"
        }
        if info.previousBundleSM3 != last.sm3 {
            return "chain break: bundle \(info.sequence) names \(info.previousBundleSM3?.prefix(16) ?? "none")… as its predecessor, but bundle \(last.sequence) imported here is \(last.sm3.prefix(16))…"
        }
        if !(try continues(bundle, from: last)) {
            return "chain break: the audit records do not continue from bundle \(last.sequence)'s (record \(last.auditLastSeq))"
        }
        return nil
    }

    /// Whether `bundle` names `previous` as its predecessor and its audit records continue `previous`'s.
    static func continues(_ bundle: FilingBundle, from previous: FilingBundleRecord) throws -> Bool {
        bundle.info.previousBundleSM3 == previous.sm3 && bundle.info.auditFirstSeq == previous.auditLastSeq + 1
            && bundle.auditRecords.first?.record?.prevHash == previous.auditLastHash
    }
}
