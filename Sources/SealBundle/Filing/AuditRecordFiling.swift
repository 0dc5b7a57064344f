import Foundation
public import SealAudit
import SealCrypto

/// One audit record as filed in `data/audit/records.json` (hashes in hex); the online side recomputes the chain.
public struct AuditRecordFiling: Codable, Sendable, Equatable {
    public var seq: Int64
    public var time: String
    public var officer: String
    public var action: String
    public var object: String
    public var details: String
    public var prevHash: String
    public var hash: String

    public init(_ record: AuditRecord) {
        seq = record.seq
        time = record.time
        officer = record.officer
        action = record.action
        object = record.object
        details = record.details
        prevHash = Hex.encode(record.prevHash)
        hash = Hex.encode(record.hash)
    }

    /// The registry record, or nil when a hash is not 32 bytes of hex.
    public var record: AuditRecord? {
        guard let previous = Hex.decode(prevHash), let own = Hex.decode(hash), previous.count == 32, own.count == 32 else { return nil }
        return AuditRecord(seq: seq, time: time, officer: officer, action: action, object: object, details: details,
                           prevHash: Data(previous), hash: Data(own))
    }
}
