import Foundation
import SealAudit
import SealCrypto
import SealRegistry
import SealTestSupport
import SealViews
import Testing
import SealPKI

@Suite("The views of the audit log, as JSON")
struct AuditViewTests {
    /// Three chained records, as the station appends them.
    func chain() throws -> [AuditRecord] {
        let first = try AuditRecord.next(after: nil, time: StationFixture.now, officer: "张管理", action: .stationInit, object: .station)
        let second = try AuditRecord.next(
            after: first, time: StationFixture.now, officer: "王经办", action: .sealIssue, object: .seal(id: 3), details: ["esID": "11010800000001"])
        let third = try AuditRecord.next(after: second, time: ViewFixture.signingTime, officer: "赵审计", action: .auditCheckpoint, object: .audit,
                                         details: ["reason": "manual"])
        return [first, second, third]
    }

    @Test("an audit record: sequence, the chained time text, officer, action, object, canonical details, the hash in hex")
    func record() throws {
        let records = try chain()
        let json = try jsonObject(AuditRow(records[1]))
        #expect(Set(json.keys) == ["seq", "time", "officer", "action", "object", "details", "hash"])
        #expect(json["seq"] as? Int == 2)
        #expect(json["time"] as? String == AuditTime.string(StationFixture.now))
        #expect(json["officer"] as? String == "王经办")
        #expect(json["action"] as? String == "seal.issue")
        #expect(json["object"] as? String == "seal:3")
        #expect(json["details"] as? String == #"{"esID":"11010800000001"}"#)
        #expect(json["hash"] as? String == Hex.encode(records[1].hash))
        #expect((json["hash"] as? String)?.count == 64)
        #expect(AuditRow(records[1]).cells == ["2", AuditTime.string(StationFixture.now), "王经办", "seal.issue", "seal:3", #"{"esID":"11010800000001"}"#])
    }

    @Test("a verified chain: valid, the counts, no firstProblem key; an edited one names the record")
    func verification() throws {
        let fixture = try ViewFixture()
        let records = try chain()
        let head = records[2]
        let checkpoint = AuditCheckpoint(
            seq: head.seq, hash: head.hash, signature: Data(try fixture.station.caKey.signature(for: AuditChain.checkpointMessage(seq: head.seq, hash: head.hash))))
        var verifier = try AuditChainVerifier()
        for record in records { try verifier.check(record) }
        let valid = verifier.finish(checkpoints: [checkpoint], publicKey: fixture.station.ca.certificate.publicKey)
        #expect(try ViewJSON.string(AuditVerificationSummary(valid)) == """
            {
              "checkpoints" : 1,
              "lastSeq" : 3,
              "problems" : [

              ],
              "records" : 3,
              "valid" : true
            }
            """)

        var edited = records
        edited[1].details = #"{"esID":"11010800000002"}"#
        var again = try AuditChainVerifier()
        for record in edited { try again.check(record) }
        let json = try jsonObject(AuditVerificationSummary(again.finish(checkpoints: [checkpoint], publicKey: fixture.station.ca.certificate.publicKey)))
        #expect(json["valid"] as? Bool == false)
        #expect(json["firstProblem"] as? String == "record 2 was edited: its hash does not match its content")
        #expect((json["problems"] as? [String])?.first == "record 2 was edited: its hash does not match its content")
    }

    @Test("a signed checkpoint: the exact JSON of its sequence, hash and reason (not the signature)")
    func checkpoint() throws {
        let fixture = try ViewFixture()
        let head = try chain()[2]
        let signature = Data(try fixture.station.caKey.signature(for: AuditChain.checkpointMessage(seq: head.seq, hash: head.hash)))
        let row = AuditCheckpointRow(AuditCheckpointRecord(seq: head.seq, hash: head.hash, signedAt: AuditTime.string(ViewFixture.signingTime),
                                                           reason: "manual", signature: signature))
        #expect(try ViewJSON.string([row]) == """
            [
              {
                "hash" : "\(Hex.encode(head.hash))",
                "reason" : "manual",
                "seq" : 3
              }
            ]
            """)
        #expect(row.cells == ["3", "manual", Hex.encode(head.hash)])
    }
}
