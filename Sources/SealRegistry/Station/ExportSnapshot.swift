import Foundation
public import SealAudit

/// What one filing export covers, read from the registry in one snapshot: the audit records since the last bundle
/// (ended before the record that would bring in one seal more than the export's limit), the seals they name in their
/// state now, and the uses logged since the last bundle whose records are in the period.
public struct ExportSnapshot: Sendable {
    /// One seal of the period, with its application and the esID of the seal it replaces.
    public struct Seal: Sendable {
        public var record: SealRecord
        public var application: ApplicationRecord
        public var replacesESID: String?
        /// Whether the period's records include the seal's revocation.
        public var revokedInPeriod: Bool
    }

    /// One logged use of the period, with the esID of its seal.
    public struct Use: Sendable {
        public var log: UseLogRecord
        public var esID: String?
    }

    /// The last bundle exported, nil before the first.
    public var previous: BundleExportRecord?
    /// The new bundle's number.
    public var sequence: Int64
    public var stationName: String
    public var organization: String
    /// The period's audit records; empty when nothing but the last export's own records is newer than the last bundle.
    public var records: [AuditRecord]
    /// Audit records after the period, left for the next bundle.
    public var remaining: Int
    /// Officer names by id.
    public var officers: [Int64: String]
    /// In id order.
    public var seals: [Seal]
    public var uses: [Use]
    /// The last `use_log` id the bundle covers.
    public var useLogLastID: Int64
    /// The number and entries of the CRL the bundle carries (every revocation recorded so far).
    public var crl = CRLDraft(number: 1, revocations: [])

    /// The seal an issue, supersede or revoke record names.
    public static func sealID(_ record: AuditRecord) -> Int64? {
        guard let action = record.auditAction, [.sealIssue, .sealSupersede, .sealRevoke].contains(action) else { return nil }
        return record.auditObject.sealID
    }
}
