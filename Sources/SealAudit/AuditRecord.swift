public import Foundation

/// One record of the audit chain: sequence number, time, officer, action, object, canonical details, and the SM3
/// chain (`hash` = SM3(prevHash ‖ canonical fields), see ``AuditChain``). The station stores it in its registry
/// (table `audit`); a filing bundle carries the records of its period.
public struct AuditRecord: Codable, Sendable, Hashable {
    public var seq: Int64
    /// ``AuditTime`` text.
    public var time: String
    public var officer: String
    /// An ``AuditAction`` raw value.
    public var action: String
    /// An ``AuditObject`` in its text form.
    public var object: String
    /// Details as canonical JSON (see ``AuditDetails``).
    public var details: String
    public var prevHash: Data
    public var hash: Data

    /// A record with these fields, as stored or filed (its hash is not recomputed; see ``next(after:time:officer:action:object:details:)``).
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

    /// The next record of a chain whose last record is `last` (nil for the first), its hash computed.
    public static func next(
        after last: AuditRecord?, time: Date, officer: String, action: AuditAction, object: AuditObject, details: [String: String] = [:]
    ) throws -> AuditRecord {
        let seq = (last?.seq ?? 0) + 1, prevHash = last?.hash ?? AuditChain.genesis
        var record = AuditRecord(
            seq: seq, time: AuditTime.string(time), officer: officer, action: action.rawValue, object: object.description,
            details: AuditDetails.canonical(details), prevHash: prevHash, hash: Data())
        record.hash = try AuditChain.hash(of: record)
        return record
    }

    /// The action as the typed value, nil for a name this version does not know.
    public var auditAction: AuditAction? { AuditAction(rawValue: action) }
    /// The object as the typed value.
    public var auditObject: AuditObject { AuditObject(object) }
    /// The details as a dictionary, nil when they are not a JSON object of strings.
    public var detailValues: [String: String]? { AuditDetails.values(details) }
}
