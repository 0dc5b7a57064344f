public import Foundation
public import SealBundle
import SealCrypto

/// Imports verified filing bundles into a ``FilingStore``, idempotently and in sequence order, as ``ImportPolicy``
/// decides; all or nothing: one transaction.
public struct BundleImporter: Sendable {
    public let store: any FilingStore
    public var policy: ImportPolicy

    public init(store: any FilingStore, acceptGap: Bool = false) {
        self.store = store
        policy = ImportPolicy(acceptGap: acceptGap)
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
    public func importBundle(_ outcome: BundleVerifier.Outcome, now: Date) async throws -> Result {
        guard outcome.report.isValid, let bundle = outcome.bundle, let station = outcome.stationCertificate else {
            throw BundleImportError.notVerified(outcome.report.firstFailure ?? "not verified")
        }
        return try await importBundle(ImportPolicy.Submission(bundle: bundle, sm3: outcome.report.sm3, stationCertificate: station.derEncoded,
                                                        anchored: outcome.report.anchored), now: now)
    }

    /// Imports `submission`, a bundle verified by the caller (``importBundle(_:now:)-(BundleVerifier.Outcome,_)`` does
    /// it with ``BundleVerifier``): the policy's own checks (sequence, seals, identifiers, CRL) all apply.
    public func importBundle(_ submission: ImportPolicy.Submission, now: Date) async throws -> Result {
        let bundle = submission.bundle
        let info = bundle.info
        @Sendable func result(_ status: Result.Status, anomaly: String?, _ message: String) -> Result {
            Result(status: status, stationID: info.stationID, stationName: info.stationName, sequence: info.sequence, sm3: submission.sm3,
                   seals: bundle.seals.count, uses: bundle.uses.count, anomaly: anomaly, message: message)
        }
        let policy = policy
        return try await store.importing(policy.snapshotRequest(for: submission)) { snapshot in
            switch try policy.decide(submission, in: snapshot, now: now) {
            case .alreadyImported(let existing, let newest):
                return (nil, result(.alreadyImported, anomaly: existing.anomaly,
                                    "bundle \(existing.sequence) was already imported on \(ISO8601DateFormatter().string(from: existing.importedAt)); nothing changed"
                                        + (existing.sequence < newest ? " (a replay: bundle \(newest) is newer)" : "")))
            case .store(let filing):
                let anomaly = filing.bundle.anomaly
                return (filing, result(.imported, anomaly: anomaly,
                                       "imported bundle \(info.sequence) of \(info.stationName): \(bundle.seals.count) seals, \(bundle.uses.count) uses"
                                           + (anomaly.map { " (accepted: \($0))" } ?? "")))
            }
        }
    }
}
