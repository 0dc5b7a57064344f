public import Foundation
public import GRDB
public import SealAudit

/// Audit records are stored in table `audit`: one row per record, append-only (triggers refuse UPDATE and DELETE).
extension AuditRecord: FetchableRecord, PersistableRecord, TableRecord {
    public static var databaseTableName: String { "audit" }

    /// The table's columns.
    public enum Columns {
        public static let seq = Column("seq")
        public static let object = Column("object")
    }
}

/// A signed checkpoint of the audit chain's head (table `audit_checkpoint`).
public struct AuditCheckpointRecord: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "audit_checkpoint"
    public var id: Int64?
    public var seq: Int64
    public var hash: Data
    public var signedAt: String
    public var reason: String
    public var signature: Data

    public init(id: Int64? = nil, seq: Int64, hash: Data, signedAt: String, reason: String, signature: Data) {
        self.id = id
        self.seq = seq
        self.hash = hash
        self.signedAt = signedAt
        self.reason = reason
        self.signature = signature
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The table's columns.
    public enum Columns {
        public static let seq = Column(CodingKeys.seq)
    }
}

extension AuditCheckpointRecord {
    /// The checkpoint as the chain verifier takes it.
    public var checkpoint: AuditCheckpoint { AuditCheckpoint(seq: seq, hash: hash, signature: signature) }
}
