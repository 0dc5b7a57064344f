public import Foundation
public import SealCrypto

/// Checks an audit chain record by record, in sequence order, and then its signed checkpoints — the one
/// verification of the chain, fed by the station from its registry (at SQLite speed, see `AuditScanner`) and by the
/// bundle verifier from the records a filing bundle carries. Problems are collected, not thrown, so a report can name
/// every bad record; the first is ``AuditVerification/firstProblem``.
public struct AuditChainVerifier: ~Copyable {
    // Internal and inlinable so that `check` is specialised where it is called: the station feeds it a million rows
    // of borrowed SQLite bytes, which unspecialised generic code would copy byte by byte.
    @usableFromInline let hasher: ReusableHasher
    @usableFromInline var message: [UInt8] = [], computed: [UInt8] = []
    @usableFromInline var previousHash: [UInt8]
    @usableFromInline var expected: Int64
    @usableFromInline var count = 0
    @usableFromInline var problems: [AuditProblem] = []
    @usableFromInline var wanted: Set<Int64> = []
    @usableFromInline var hashes: [Int64: Data] = [:]

    /// A verifier for a chain whose first record should be `firstSeq`, following `previousHash` (the genesis for a
    /// chain from record 1). `checkpointed` are the sequence numbers whose hashes ``finish(checkpoints:publicKey:)``
    /// will compare.
    public init(firstSeq: Int64 = 1, previousHash: Data = AuditChain.genesis, checkpointed: Set<Int64> = []) throws {
        hasher = try ReusableHasher(.sm3)
        self.previousHash = Array(previousHash)
        expected = firstSeq
        wanted = checkpointed
        message.reserveCapacity(1024)
    }

    /// Checks the next record: `field(i)` gives field `i` (0 time, 1 officer, 2 action, 3 object, 4 details).
    @inlinable
    public mutating func check<Bytes: Collection<UInt8>, Field: Collection<UInt8>>(
        seq: Int64, prevHash: Bytes, hash: Bytes, field: (Int) -> Field
    ) throws {
        count += 1
        if seq > expected { problems.append(.deleted(from: expected, through: seq - 1)) }
        message.removeAll(keepingCapacity: true)
        AuditChain.appendMessage(to: &message, prevHash: prevHash, seq: seq, field: field)
        hasher.begin()
        hasher.update(message)
        try hasher.finish(into: &computed)
        if !computed.elementsEqual(hash) {
            // Content that hashes at another position means the records were moved, not edited.
            var other: Int64?
            var moved: [UInt8] = []
            for candidate in max(1, seq - 16)...(seq + 16) where candidate != seq {
                moved.removeAll(keepingCapacity: true)
                AuditChain.appendMessage(to: &moved, prevHash: prevHash, seq: candidate, field: field)
                if try SM3.hash(moved).elementsEqual(hash) {
                    other = candidate
                    break
                }
            }
            problems.append(other.map { .reordered(seq: seq, carriesRecordOf: $0) } ?? .edited(seq: seq))
        } else if !prevHash.elementsEqual(previousHash) && seq == expected {
            problems.append(.brokenLink(seq: seq))
        }
        if wanted.contains(seq) { hashes[seq] = Data(hash) }
        previousHash.removeAll(keepingCapacity: true)
        previousHash.append(contentsOf: hash)
        expected = seq + 1
    }

    /// Checks the next record.
    public mutating func check(_ record: AuditRecord) throws {
        try check(seq: record.seq, prevHash: record.prevHash, hash: record.hash) { index in record.field(index) }
    }

    /// Checks each checkpoint's signature under `publicKey` (the station CA's) and that it signed the record the
    /// chain holds, and returns the verification.
    public consuming func finish(checkpoints: [AuditCheckpoint] = [], publicKey: PublicKey? = nil) -> AuditVerification {
        let last = expected - 1
        for checkpoint in checkpoints {
            let valid = publicKey.map { key in
                (try? key.isValidSignature(Array(checkpoint.signature), for: AuditChain.checkpointMessage(seq: checkpoint.seq, hash: checkpoint.hash)))
                    ?? false
            } ?? false
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

extension AuditRecord {
    /// Field `index` of the canonical form (0 time, 1 officer, 2 action, 3 object, 4 details) as UTF-8.
    func field(_ index: Int) -> String.UTF8View {
        switch index {
        case 0: return time.utf8
        case 1: return officer.utf8
        case 2: return action.utf8
        case 3: return object.utf8
        default: return details.utf8
        }
    }
}
