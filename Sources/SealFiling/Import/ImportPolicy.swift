public import Foundation
public import SealBundle
import SealCrypto
import SealAudit

/// What the online side does with one verified bundle, decided from a ``FilingSnapshot`` of the store — pure code,
/// the same for every store:
/// - the same bundle (SM3) twice is a no-op, reported as a replay when later bundles are in;
/// - every filed seal is re-checked (``FiledIdentityCheck``);
/// - a station's first bundle enrols it, and needs its CA pinned (an anchored verification);
/// - bundles are taken in sequence order: a gap, a late bundle, or one that does not chain to the last one imported
///   (previous-bundle SM3, audit records) is an anomaly, refused unless accepted; a different bundle with an
///   imported number (a fork) is always refused;
/// - audit records already filed (an accepted overlap) must be the same records;
/// - a filed seal never changes (SES_Seal, holder certificate, images), only its state, and a late bundle never
///   rolls it back; an esID filed by another station is refused;
/// - the station CA's CRL the bundle carries is filed only when the station CA signed it, it agrees with the
///   bundle's seals and it follows the CRLs filed before it: no certificate un-revoked, no number going down, no
///   roll-back to bundles without CRLs (`ImportPolicy+CRL.swift`).
public struct ImportPolicy: Sendable {
    /// Import despite a gap, a late (out-of-order) bundle or a broken chain; the anomaly is recorded with the bundle.
    public var acceptGap: Bool

    public init(acceptGap: Bool = false) {
        self.acceptGap = acceptGap
    }

    /// A verified bundle, as the policy sees it.
    public struct Submission: Sendable {
        public var bundle: FilingBundle
        /// SM3 (hex) of the bundle file.
        public var sm3: String
        /// The station CA certificate (DER) the bundle verified under.
        public var stationCertificate: [UInt8]
        /// Whether that CA was pinned (`--anchor`) rather than taken from the bundle.
        public var anchored: Bool

        public init(bundle: FilingBundle, sm3: String, stationCertificate: [UInt8], anchored: Bool) {
            self.bundle = bundle
            self.sm3 = sm3
            self.stationCertificate = stationCertificate
            self.anchored = anchored
        }
    }

    /// What to do.
    public enum Decision: Sendable {
        /// Already imported as `existing`; `newest` is the station's newest imported sequence.
        case alreadyImported(existing: FilingBundleRecord, newest: Int64)
        /// Store this.
        case store(FilingImport)
    }

    /// What ``decide(_:in:now:)`` reads of the store for `submission`.
    public func snapshotRequest(for submission: Submission) -> FilingSnapshotRequest {
        let info = submission.bundle.info
        // The bundle's records (checked by the verifier to be Audit-First-Seq…Audit-Last-Seq) and the one after them.
        let seqs = submission.bundle.auditRecords.compactMap(\.record?.seq)
        let next = info.auditLastSeq < Int64.max ? info.auditLastSeq + 1 : Int64.max
        let auditSeqs = min(seqs.min() ?? next, next)...max(seqs.max() ?? next, next)
        let crlNumber = submission.bundle.crl.flatMap { try? CertificateRevocationList(derEncoded: $0).numberValue }
        return FilingSnapshotRequest(stationID: info.stationID, sm3: submission.sm3, sequence: info.sequence, auditSeqs: auditSeqs,
                                     esIDs: submission.bundle.seals.map(\.filing.esID), crlNumber: crlNumber)
    }

    /// Decides what `submission` does, at `now`, from `store`, read for ``snapshotRequest(for:)``.
    /// - Throws: ``BundleImportError`` for a bundle that is refused.
    public func decide(_ submission: Submission, in store: FilingSnapshot, now: Date) throws -> Decision {
        let bundle = submission.bundle, info = bundle.info, sm3 = submission.sm3
        if let existing = try store.bundle(sm3: sm3) {
            let newest = try store.newestBundle(stationID: existing.stationID)?.sequence ?? existing.sequence
            return .alreadyImported(existing: existing, newest: newest)
        }
        let checked = try FiledIdentityCheck.checked(bundle.seals)
        let seals = checked.map(\.entry)
        // The station: enrolled by its first bundle with a pinned CA.
        var enrolment: FilingStationRecord?
        let enrolled = try store.station(id: info.stationID)
        if enrolled == nil {
            guard submission.anchored else { throw BundleImportError.stationNotEnrolled(stationID: info.stationID, name: info.stationName) }
            enrolment = FilingStationRecord(id: info.stationID, name: info.stationName, organization: info.organization,
                                            caCertificate: Data(submission.stationCertificate), firstImportedAt: now)
        }
        let caCertificate = (enrolled ?? enrolment)!.caCertificate
        let records = bundle.auditRecords.compactMap(\.record)
        let anomaly = try sequenceAnomaly(submission, in: store)
        if let anomaly, !acceptGap { throw BundleImportError.gap(anomaly) }
        guard let lastHash = records.last?.hash else { throw BundleImportError.notVerified("no audit records") }

        // Records already filed (an accepted overlap) must be the same records.
        var newRecords = records
        if let first = records.first?.seq, let last = records.last?.seq, first <= last {
            let filed = Dictionary(try store.auditRecords(stationID: info.stationID, seqs: first...last).map { ($0.seq, $0.hash) },
                                   uniquingKeysWith: { first, _ in first })
            if !filed.isEmpty {
                for record in records {
                    if let hash = filed[record.seq], hash != record.hash { throw BundleImportError.auditConflict(seq: record.seq) }
                }
                newRecords = records.filter { filed[$0.seq] == nil }
            }
        }

        var filedSeals: [FiledSealSource] = []
        for entry in seals {
            let esID = entry.filing.esID
            if let current = try store.filedSeal(esID: esID) {
                guard current.stationID == info.stationID else { throw BundleImportError.foreignSeal(esID: esID, stationID: current.stationID) }
                // A seal, once made, never changes: only its state and revocation may (its PNG is the SES_Seal's picture).
                guard current.sealSM3 == entry.filing.sealSM3, current.holderCertificate == Data(entry.holderCertificate),
                      current.imageSVG == Data(try entry.svg.read())
                else { throw BundleImportError.sealChanged(esID: esID) }
                // A late bundle (accepted out of order) never rolls a seal back to an older state.
                if current.bundleSequence > info.sequence { continue }
            }
            filedSeals.append(FiledSealSource(entry, stationID: info.stationID, bundleSequence: info.sequence))
        }
        let crl = try crlFiling(submission, seals: checked, caCertificate: Array(caCertificate), in: store)
        let record = FilingBundleRecord(
            stationID: info.stationID, sequence: info.sequence, sm3: sm3, previousSM3: info.previousBundleSM3, createdAt: info.created,
            importedAt: now, auditFirstSeq: info.auditFirstSeq, auditLastSeq: info.auditLastSeq, auditLastHash: lastHash,
            seals: bundle.seals.count, uses: bundle.uses.count, anomaly: anomaly, crlNumber: crl.number)
        return .store(FilingImport(enrolment: enrolment, bundle: record, auditRecords: newRecords, seals: filedSeals, uses: bundle.uses,
                                   crl: crl.crl, crlEntries: crl.entries))
    }

    /// Where this bundle breaks the station's sequence, if it does; a conflicting number is thrown.
    func sequenceAnomaly(_ submission: Submission, in store: FilingSnapshot) throws -> String? {
        let bundle = submission.bundle, info = bundle.info
        if let same = try store.bundle(stationID: info.stationID, sequence: info.sequence) {
            throw BundleImportError.conflict(sequence: info.sequence, importedSM3: same.sm3)
        }
        guard let last = try store.newestBundle(stationID: info.stationID) else {
            return info.sequence == 1 ? nil : "gap: bundles 1–\(info.sequence - 1) of this station were never imported"
        }
        if info.sequence < last.sequence {
            // A late bundle: it must fit between its imported neighbours to fill the gap it left.
            let before = try store.bundle(stationID: info.stationID, sequence: info.sequence - 1)
            let after = try store.bundle(stationID: info.stationID, sequence: info.sequence + 1)
            let next = info.auditLastSeq + 1
            let firstPrevious = try store.auditRecords(stationID: info.stationID, seqs: next...next).first?.prevHash
            let fitsBefore = before.map { Self.continues(bundle, from: $0) } ?? (info.sequence == 1)
            let fitsAfter = after.map { $0.previousSM3 == submission.sm3 && $0.auditFirstSeq == info.auditLastSeq + 1
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
        if !Self.continues(bundle, from: last) {
            return "chain break: the audit records do not continue from bundle \(last.sequence)'s (record \(last.auditLastSeq))"
        }
        return nil
    }

    /// Whether `bundle` names `previous` as its predecessor and its audit records continue `previous`'s.
    static func continues(_ bundle: FilingBundle, from previous: FilingBundleRecord) -> Bool {
        bundle.info.previousBundleSM3 == previous.sm3 && bundle.info.auditFirstSeq == previous.auditLastSeq + 1
            && bundle.auditRecords.first?.record?.prevHash == previous.auditLastHash
    }
}
