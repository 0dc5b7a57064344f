public import Foundation
import GRDB
import SealAudit
public import SealCrypto

/// Filing exports (备案): what the next bundle covers, and recording one.
extension StationDatabase {
    /// The next export's period, read in one snapshot (see ``ExportSnapshot``); at most `maxSeals` seals.
    public func exportSnapshot(maxSeals: Int) throws -> ExportSnapshot {
        try read("read the export period") { db in
            let previous = try BundleExportRecord.order(BundleExportRecord.Columns.sequence.desc).fetchOne(db)
            let names = try Self.stationNames(db)
            var snapshot = ExportSnapshot(
                previous: previous, sequence: (previous?.sequence ?? 0) + 1, stationName: names.name, organization: names.organization,
                records: [], remaining: 0, officers: [:], seals: [], uses: [], useLogLastID: previous?.useLogLastID ?? 0)
            let all = try AuditRecord.filter(AuditRecord.Columns.seq > (previous?.auditLastSeq ?? 0)).order(AuditRecord.Columns.seq).fetchAll(db)
            // The previous export's own records (its CRL's too) and checkpoints travel with the next bundle, but do not make one.
            guard all.contains(where: { ![.bundleExport, .auditCheckpoint, .crlIssue].contains($0.auditAction) }) else { return snapshot }
            // The period ends before the record that would bring in seal maxSeals + 1.
            var named = Set<Int64>()
            var end = all.count
            for (index, record) in all.enumerated() {
                guard let id = ExportSnapshot.sealID(record) else { continue }
                if !named.contains(id) && named.count == maxSeals {
                    end = index
                    break
                }
                named.insert(id)
            }
            snapshot.records = Array(all[..<end])
            snapshot.remaining = all.count - end
            snapshot.officers = try Self.officerNames(db)

            // The seals the period's records name, in their state now (a change after a cut period shows here and
            // again, with its record, in the next bundle).
            let revokedInPeriod = Set(snapshot.records.filter { $0.auditAction == .sealRevoke }.compactMap(\.auditObject.sealID))
            for id in Set(snapshot.records.compactMap(ExportSnapshot.sealID)).sorted() {
                guard let seal = try SealRecord.fetchOne(db, id: id), let application = try ApplicationRecord.fetchOne(db, id: seal.applicationID) else {
                    throw RegistryError.sealNotFound(id: id)
                }
                let replaced = try seal.replacesSealID.flatMap { try Self.esID(db, sealID: $0) }
                snapshot.seals.append(.init(record: seal, application: application, replacesESID: replaced, revokedInPeriod: revokedInPeriod.contains(id)))
            }

            // The uses logged since the last bundle whose records are in the period (a use's log row and audit record
            // are written in one transaction, so their orders agree).
            let signed = Set(snapshot.records.filter { $0.auditAction == .useSign }.compactMap { $0.detailValues?["signatureSM3"] })
            var esIDs: [Int64: String] = [:]
            let logs = try UseLogRecord.filter(UseLogRecord.Columns.id > snapshot.useLogLastID).order(UseLogRecord.Columns.id).fetchAll(db)
                .filter { signed.contains($0.signatureSM3) }
            for log in logs {
                if esIDs[log.sealID] == nil { esIDs[log.sealID] = try Self.esID(db, sealID: log.sealID) }
                snapshot.uses.append(.init(log: log, esID: esIDs[log.sealID]))
            }
            snapshot.useLogLastID = logs.last?.id ?? snapshot.useLogLastID
            snapshot.crl = try Self.crlDraft(db)
            return snapshot
        }
    }

    static func esID(_ db: Database, sealID: Int64) throws -> String? {
        try SealRecord.filter(key: sealID).select(SealRecord.Columns.esID, as: String.self).fetchOne(db)
    }

    /// Records an exported bundle, in one transaction: the `bundle_export` row, `headCheckpoint` (the period head's
    /// checkpoint, signed for the bundle) unless that head is signed already, the `bundle.export` audit record by
    /// `officer`, the CRL the bundle carries (numbered one after the last) with its `crl.issue` record, a checkpoint
    /// of the new head signed with `caKey`, and last `commit` — the station moves the bundle and its companions into
    /// place there. `extraDetails` join the audit record's details (an encrypted export names its recipient).
    public func recordExport(
        _ export: BundleExportRecord, previousSM3: String?, headCheckpoint: AuditCheckpointRecord, crl: CRLRecord? = nil,
        caKey: any MessageSigner, extraDetails: [String: String] = [:], now: Date, commit: () throws -> Void
    ) throws {
        try write("export") { db in
            try export.insert(db)
            if try AuditCheckpointRecord.filter(AuditCheckpointRecord.Columns.seq == headCheckpoint.seq).fetchCount(db) == 0 {
                var checkpoint = headCheckpoint
                try checkpoint.insert(db)
            }
            var details = [
                "file": export.fileName, "sm3": export.sm3, "previousSM3": previousSM3 ?? "none",
                "audit": "\(export.auditFirstSeq)-\(export.auditLastSeq)", "seals": String(export.seals), "uses": String(export.uses),
            ]
            if let crl { details["crl"] = String(crl.number) }
            details.merge(extraDetails) { current, _ in current }
            try AuditLog.append(db, officer: export.officer, action: .bundleExport, object: .bundle(sequence: export.sequence), details: details, now: now)
            if let crl { try Self.appendCRL(db, crl, now: now) }
            try AuditLog.signCheckpoints(db, caKey: caKey, reason: "export \(export.sequence)", now: now, includeHead: true)
            try commit()
        }
    }

    /// The bundles exported so far, in sequence order.
    public func exports() throws -> [BundleExportRecord] {
        try read("read exports") { db in try BundleExportRecord.order(BundleExportRecord.Columns.sequence).fetchAll(db) }
    }
}
