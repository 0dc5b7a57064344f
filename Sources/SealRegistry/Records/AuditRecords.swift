public import Foundation
public import GRDB

/// One audit record (table `audit`): sequence number, time, officer, action, object, canonical details, and the SM3
/// chain (`hash` = SM3(prevHash ‖ canonical fields)).
public struct AuditRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "audit"
    public var seq: Int64
    public var time: String
    public var officer: String
    public var action: String
    public var object: String
    public var details: String
    public var prevHash: Data
    public var hash: Data

    public init(seq: Int64, time: String, officer: String, action: String, object: String, details: String, prevHash: Data, hash: Data) {
        self.seq = seq
        self.time = time
        self.officer = officer
        self.action = action
        self.object = object
        self.details = details
        self.prevHash = prevHash
        self.hash = hash
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
}
