import Foundation
import SealAudit
import SealCrypto
import SealTestSupport
import Testing

@Suite("The audit chain: canonical form, chain verification, checkpoints")
struct AuditChainTests {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    /// A chain of `count` records as the station writes them (a seal issued, uses signed, a revocation).
    static func chain(_ count: Int) throws -> [AuditRecord] {
        var records: [AuditRecord] = []
        for index in 0..<count {
            let action: AuditAction = index == 0 ? .sealIssue : index == count - 1 ? .sealRevoke : .useSign
            let details = action == .useSign ? ["document": "合同\(index).pdf", "signatureSM3": String(repeating: "a", count: 64)] : ["reason": "测试/test"]
            records.append(try AuditRecord.next(
                after: records.last, time: start.addingTimeInterval(Double(index) * 61.5), officer: "王经办", action: action,
                object: .seal(id: 3), details: details))
        }
        return records
    }

    static func verify(_ records: [AuditRecord], checkpoints: [AuditCheckpoint] = [], key: PublicKey? = nil) throws -> AuditVerification {
        var verifier = try AuditChainVerifier(checkpointed: Set(checkpoints.map(\.seq)))
        for record in records { try verifier.check(record) }
        return verifier.finish(checkpoints: checkpoints, publicKey: key)
    }

    @Test("a record's hash is SM3 over the previous hash and the length-prefixed fields, as openssl computes it")
    func canonicalFormMatchesOpenSSL() throws {
        let records = try Self.chain(3)
        for record in records {
            var message = Array(record.prevHash)
            for field in [String(record.seq), record.time, record.officer, record.action, record.object, record.details] {
                let utf8 = Array(field.utf8)
                message += withUnsafeBytes(of: UInt32(utf8.count).bigEndian, Array.init) + utf8
            }
            let openssl = try ExternalTool.run("openssl", ["dgst", "-sm3", "-r"], input: Data(message))
            #expect(openssl.succeeded, "\(openssl.stderr)")
            #expect(openssl.stdout.prefix(64) == Hex.encode(record.hash))
            #expect(try AuditChain.hash(of: record) == record.hash)
            #expect(AuditChain.canonicalSize(of: record) == message.count - 32)
        }
        #expect(records[0].prevHash == AuditChain.genesis)
        #expect(records[1].prevHash == records[0].hash)
    }

    @Test("the time is ISO 8601 in UTC, whole seconds; details are sorted JSON with slashes and Chinese unescaped")
    func timeAndDetails() throws {
        #expect(AuditTime.string(Date(timeIntervalSince1970: 1_790_000_061.9)) == "2026-09-21T14:14:21Z")
        #expect(AuditTime.date("2026-09-21T14:14:21Z") == Date(timeIntervalSince1970: 1_790_000_061))
        #expect(AuditTime.date("2026-09-21 14:14:21") == nil)
        #expect(AuditDetails.canonical(["z": "测试/x", "a": "1"]) == #"{"a":"1","z":"测试/x"}"#)
        #expect(AuditDetails.values(#"{"a":"1"}"#) == ["a": "1"])
        #expect(AuditDetails.values(#"{"a":1}"#) == nil)
        #expect(AuditDetails.values("not json") == nil)
    }

    @Test("objects are stored as text and read back typed; malformed references stay text")
    func objects() {
        let typed: [AuditObject] = [.station, .audit, .backup, .seal(id: 12), .application(id: 3), .use(id: 9), .officer(name: "张管理"),
                                    .bundle(sequence: 2), .crl(number: 3)]
        for object in typed { #expect(AuditObject(object.description) == object) }
        #expect(AuditObject("seal:12").sealID == 12)
        for text in ["seal:", "seal:-1", "seal:012", "seal:1x", "seal:99999999999999999999", "officer:", "template:round-42", "seals", "crl:0"] {
            #expect(AuditObject(text) == .other(text), "\(text)")
            #expect(AuditObject(text).description == text)
        }
    }

    @Test("action names are the ones filed chains hold")
    func actionNames() {
        #expect(AuditAction.allCases.count == 29)
        #expect(AuditAction.crlIssue.rawValue == "crl.issue" && AuditAction.makerRenew.rawValue == "maker.renew")
        #expect(AuditAction(rawValue: "officer.login-failed") == .officerLoginFailed)
        #expect(AuditAction.sealSupersede.rawValue == "seal.supersede")
        #expect(AuditAction(rawValue: "seal.destroy") == nil)
    }

    @Test("an intact chain verifies; an edit, a deletion, a swap and a broken link are each named")
    func problems() throws {
        let records = try Self.chain(12)
        #expect(try Self.verify(records).isValid)

        var edited = records
        edited[4].details = #"{"reason":"改过"}"#
        #expect(try Self.verify(edited).problems == [.edited(seq: 5)])

        var deleted = records
        deleted.remove(at: 6)
        #expect(try Self.verify(deleted).firstProblem == .deleted(from: 7, through: 7))

        var swapped = records
        (swapped[7].seq, swapped[8].seq) = (swapped[8].seq, swapped[7].seq)
        swapped.swapAt(7, 8)
        #expect(try Self.verify(swapped).firstProblem == .reordered(seq: 8, carriesRecordOf: 9))

        // A record replaced by one that hashes correctly but does not follow its predecessor.
        var relinked = records
        var forged = try AuditRecord.next(after: nil, time: Self.start, officer: "x", action: .useSign, object: .seal(id: 3))
        forged.seq = 3
        forged.hash = try AuditChain.hash(of: forged)
        relinked[2] = forged
        #expect(try Self.verify(relinked).problems.contains(.brokenLink(seq: 3)))
    }

    @Test("checkpoints: signed by the station key they verify; truncation, a rewrite and a foreign signature are named")
    func checkpoints() throws {
        let key = try PrivateKey.generate(.sm2), other = try PrivateKey.generate(.sm2)
        let records = try Self.chain(10)
        func checkpoint(_ seq: Int64, hash: Data, by signer: PrivateKey) throws -> AuditCheckpoint {
            AuditCheckpoint(seq: seq, hash: hash, signature: Data(try signer.signature(for: AuditChain.checkpointMessage(seq: seq, hash: hash))))
        }
        let head = try checkpoint(10, hash: records[9].hash, by: key)
        let middle = try checkpoint(5, hash: records[4].hash, by: key)
        let verified = try Self.verify(records, checkpoints: [middle, head], key: key.publicKey)
        #expect(verified.isValid && verified.checkpoints == 2 && verified.records == 10 && verified.lastSeq == 10)

        #expect(try Self.verify(Array(records.prefix(8)), checkpoints: [head], key: key.publicKey).problems
            == [.truncated(lastRecord: 8, checkpointed: 10)])
        let rewritten = try checkpoint(5, hash: Data(repeating: 7, count: 32), by: key)
        #expect(try Self.verify(records, checkpoints: [rewritten], key: key.publicKey).problems == [.checkpointMismatch(seq: 5)])
        let foreign = try checkpoint(10, hash: records[9].hash, by: other)
        #expect(try Self.verify(records, checkpoints: [foreign], key: key.publicKey).problems == [.checkpointSignatureInvalid(seq: 10)])
        #expect(try Self.verify(records, checkpoints: [head], key: nil).problems == [.checkpointSignatureInvalid(seq: 10)])
    }

    @Test("a period of a longer chain verifies from the hash it follows")
    func period() throws {
        let records = try Self.chain(9)
        var verifier = try AuditChainVerifier(firstSeq: 4, previousHash: records[2].hash)
        for record in records[3...] { try verifier.check(record) }
        #expect(verifier.finish().isValid)
        var wrong = try AuditChainVerifier(firstSeq: 4, previousHash: records[1].hash)
        for record in records[3...] { try wrong.check(record) }
        #expect(wrong.finish().problems == [.brokenLink(seq: 4)])
    }
}
