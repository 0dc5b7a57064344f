public import Foundation
public import GRDB

/// One exported filing bundle (table `bundle_export`): its sequence number, the audit records and uses it covers,
/// and the SM3 of the bundle file, which the next bundle names as its predecessor.
public struct BundleExportRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "bundle_export"
    public var sequence: Int64
    public var createdAt: Date
    public var officer: String
    public var auditFirstSeq: Int64
    public var auditLastSeq: Int64
    /// The last `use_log` id the bundle covers.
    public var useLogLastID: Int64
    public var seals: Int
    public var uses: Int
    public var fileName: String
    /// SM3 of the bundle file, lower-case hex.
    public var sm3: String

    public init(sequence: Int64, createdAt: Date, officer: String, auditFirstSeq: Int64, auditLastSeq: Int64, useLogLastID: Int64, seals: Int, uses: Int, fileName: String, sm3: String) {
        self.sequence = sequence
        self.createdAt = createdAt
        self.officer = officer
        self.auditFirstSeq = auditFirstSeq
        self.auditLastSeq = auditLastSeq
        self.useLogLastID = useLogLastID
        self.seals = seals
        self.uses = uses
        self.fileName = fileName
        self.sm3 = sm3
    }

    /// The table's columns.
    public enum Columns {
        public static let sequence = Column(CodingKeys.sequence)
    }
}
