public import Foundation
import GRDB
public import SealCrypto
import SealASN1
public import SealRegistry

extension Station {
    /// Signs the chain head with the station CA key (and any 1,000-record boundary not yet signed), recording why.
    @discardableResult
    public func signCheckpoints(by officer: String, caKey: PrivateKey, reason: String, now: Date) throws -> [AuditCheckpointRecord] {
        try transaction("checkpoint") { db in
            try AuditLog.append(db, officer: officer, action: "audit.checkpoint", object: "audit", details: ["reason": reason], now: now)
            return try Self.signCheckpoints(db, caKey: caKey, reason: reason, now: now, includeHead: true)
        }
    }

    /// Signs every 1,000-record boundary not yet signed and, with `includeHead`, the current head.
    @discardableResult
    static func signCheckpoints(_ db: Database, caKey: PrivateKey, reason: String, now: Date, includeHead: Bool) throws -> [AuditCheckpointRecord] {
        guard let head = try AuditRecord.order(Column("seq").desc).fetchOne(db) else { return [] }
        let signed = Set(try Int64.fetchAll(db, sql: "SELECT seq FROM audit_checkpoint"))
        var targets: [(Int64, String)] = []
        var boundary = AuditLog.checkpointInterval
        while boundary <= head.seq {
            if !signed.contains(boundary) { targets.append((boundary, "every \(AuditLog.checkpointInterval) records")) }
            boundary += AuditLog.checkpointInterval
        }
        if includeHead && !signed.contains(head.seq) && !targets.contains(where: { $0.0 == head.seq }) { targets.append((head.seq, reason)) }
        var made: [AuditCheckpointRecord] = []
        for (seq, why) in targets {
            guard let record = try AuditRecord.fetchOne(db, key: seq) else { continue }
            var checkpoint = AuditCheckpointRecord(
                seq: seq, hash: record.hash, signedAt: SESTime.iso8601(now), reason: why,
                signature: Data(try caKey.signature(for: AuditChain.checkpointMessage(seq: seq, hash: record.hash))))
            try checkpoint.insert(db)
            made.append(checkpoint)
        }
        return made
    }

    /// Recomputes the whole chain and checks every checkpoint; names the first bad record and what is wrong.
    public func verifyAudit() throws -> AuditVerification {
        let caKey = ca.certificate.publicKey
        return try read { db in
            var problems: [AuditProblem] = []
            var expected: Int64 = 1
            var count = 0
            let checkpoints = try AuditCheckpointRecord.order(Column("seq")).fetchAll(db)
            let wanted = Set(checkpoints.map(\.seq))
            var hashes: [Int64: Data] = [:]
            // The fast path hashes the columns' bytes straight from SQLite (no per-row objects) with one reused
            // digest context; a record is decoded only when something is wrong with it.
            let hasher = try ReusableHasher(.sm3)
            var message: [UInt8] = [], computed: [UInt8] = [], previousHash = Array(AuditLog.genesis)
            message.reserveCapacity(1024)
            try AuditScanner.forEach(db) { row in
                count += 1
                let seq = row.seq
                if seq > expected { problems.append(.deleted(from: expected, through: seq - 1)) }
                // One contiguous message per record: prevHash ‖ length-prefixed fields (see AuditChain.canonical).
                message.removeAll(keepingCapacity: true)
                message.append(contentsOf: row.prevHash)
                appendDecimal(seq, to: &message)
                for index in 0..<5 {
                    let field = row.field(index)
                    appendLength(field.count, to: &message)
                    message.append(contentsOf: field)
                }
                hasher.begin()
                hasher.update(message)
                try hasher.finish(into: &computed)
                if !computed.elementsEqual(row.hash) {
                    let record = AuditRecord(
                        seq: seq, time: String(decoding: row.field(0), as: UTF8.self), officer: String(decoding: row.field(1), as: UTF8.self),
                        action: String(decoding: row.field(2), as: UTF8.self), object: String(decoding: row.field(3), as: UTF8.self),
                        details: String(decoding: row.field(4), as: UTF8.self), prevHash: Data(row.prevHash), hash: Data(row.hash))
                    // Content that hashes at another position means the rows were moved, not edited.
                    var other: Int64?
                    for candidate in max(1, seq - 16)...(seq + 16) where candidate != seq {
                        if try AuditChain.hash(of: record, asSeq: candidate) == record.hash {
                            other = candidate
                            break
                        }
                    }
                    problems.append(other.map { .reordered(seq: seq, carriesRecordOf: $0) } ?? .edited(seq: seq))
                } else if !row.prevHash.elementsEqual(previousHash) && seq == expected {
                    problems.append(.brokenLink(seq: seq))
                }
                if wanted.contains(seq) { hashes[seq] = Data(row.hash) }
                previousHash.removeAll(keepingCapacity: true)
                previousHash.append(contentsOf: row.hash)
                expected = seq + 1
            }
            let last = expected - 1
            for checkpoint in checkpoints {
                let valid = (try? caKey.isValidSignature(
                    Array(checkpoint.signature), for: AuditChain.checkpointMessage(seq: checkpoint.seq, hash: checkpoint.hash))) ?? false
                if !valid {
                    problems.append(.checkpointSignatureInvalid(seq: checkpoint.seq))
                } else if checkpoint.seq > last {
                    problems.append(.truncated(lastRecord: last, checkpointed: checkpoint.seq))
                } else if let hash = hashes[checkpoint.seq], hash != checkpoint.hash {
                    problems.append(.checkpointMismatch(seq: checkpoint.seq))
                }
            }
            return AuditVerification(records: count, checkpoints: checkpoints.count, lastSeq: last, problems: problems.sorted { $0.seq < $1.seq })
        }
    }

    /// Appends `value` in decimal with its 4-byte length before it, as `AuditChain.canonical` writes the sequence number.
    private func appendDecimal(_ value: Int64, to message: inout [UInt8]) {
        var digits: [UInt8] = []
        var rest = value
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        appendLength(digits.count, to: &message)
        message.append(contentsOf: digits.reversed())
    }

    /// Appends a 4-byte big-endian length, as `AuditChain.canonical` writes it.
    private func appendLength(_ length: Int, to message: inout [UInt8]) {
        let value = UInt32(length)
        message.append(contentsOf: [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)])
    }

    /// Audit records from `since` (sequence number) on.
    public func auditRecords(since: Int64 = 1, limit: Int = 1000) throws -> [AuditRecord] {
        try read { db in try AuditRecord.filter(Column("seq") >= since).order(Column("seq")).limit(limit).fetchAll(db) }
    }
}
