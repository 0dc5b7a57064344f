import Foundation
import SealAudit
import SealCrypto
import SealRegistry
import SealStation
import SealTestSupport
import Testing
import SealPKI

@Suite("Tamper-evident audit log")
struct AuditTests {
    /// A station with a few dozen audit records (issue, uses, a revocation) and a signed checkpoint at the head.
    func audited() throws -> OfficeFixture {
        let office = try OfficeFixture()
        let seal = try office.issuedSeal()
        let request = try office.station.requestUse(by: office.clerk, sealID: seal.id!, reason: "合同", count: 3, now: OfficeFixture.now)
        _ = try office.station.approveUse(by: office.approver, requestID: request.id!, now: OfficeFixture.now)
        for index in 0..<3 {
            _ = try office.station.sign(
                by: office.clerk, sealID: seal.id!, document: [UInt8(index)], documentName: "doc\(index)",
                holderPassphrase: OfficeFixture.secret("holder passphrase"), now: OfficeFixture.now.addingTimeInterval(60))
        }
        _ = try office.station.revoke(by: office.approver, sealID: seal.id!, reason: "测试", now: OfficeFixture.now)
        let caKey = try office.station.ca.unlockKey(passphrase: OfficeFixture.secret("station passphrase"))
        try office.station.signCheckpoints(by: office.admin.name, caKey: caKey, reason: "test", now: OfficeFixture.now)
        return office
    }

    func sql(_ office: OfficeFixture, _ statements: String) throws -> ExternalTool.Result {
        try ExternalTool.run("sqlite3", [office.station.database.path, statements])
    }

    static let dropTriggers = "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;"

    @Test("every state change is recorded and the intact log verifies")
    func intact() throws {
        let office = try audited()
        let result = try office.station.verifyAudit()
        #expect(result.isValid, "\(result.problems)")
        #expect(result.checkpoints == 1)
        let actions = try office.station.auditRecords().map(\.action)
        for action in ["station.init", "officer.add", "application.apply", "application.approve", "seal.issue", "use.request",
                       "use.approve", "use.sign", "seal.revoke", "audit.checkpoint"] {
            #expect(actions.contains(action), "\(action)")
        }
        #expect(actions.filter { $0 == "use.sign" }.count == 3)
    }

    @Test("the triggers refuse UPDATE and DELETE on the audit table")
    func triggers() throws {
        let office = try audited()
        let update = try sql(office, "UPDATE audit SET officer = 'x' WHERE seq = 2;")
        #expect(!update.succeeded && update.stderr.contains("append-only"))
        let delete = try sql(office, "DELETE FROM audit WHERE seq = 2;")
        #expect(!delete.succeeded && delete.stderr.contains("append-only"))
        #expect(try office.station.verifyAudit().isValid)
    }

    @Test("an edited record is named")
    func edited() throws {
        let office = try audited()
        #expect(try sql(office, Self.dropTriggers + " UPDATE audit SET details = '{\"reason\":\"改过\"}' WHERE seq = 7;").succeeded)
        let result = try office.station.verifyAudit()
        #expect(result.firstProblem == .edited(seq: 7), "\(result.problems)")
    }

    @Test("a deleted record is named")
    func deleted() throws {
        let office = try audited()
        #expect(try sql(office, Self.dropTriggers + " DELETE FROM audit WHERE seq = 5;").succeeded)
        #expect(try office.station.verifyAudit().firstProblem == .deleted(from: 5, through: 5))
    }

    @Test("two swapped records are named as reordered")
    func swapped() throws {
        let office = try audited()
        let swap = Self.dropTriggers + """
             CREATE TEMP TABLE t AS SELECT * FROM audit WHERE seq IN (8, 9);
             UPDATE audit SET time = (SELECT time FROM t WHERE seq = 9), officer = (SELECT officer FROM t WHERE seq = 9),
               action = (SELECT action FROM t WHERE seq = 9), object = (SELECT object FROM t WHERE seq = 9),
               details = (SELECT details FROM t WHERE seq = 9), prevHash = (SELECT prevHash FROM t WHERE seq = 9),
               hash = (SELECT hash FROM t WHERE seq = 9) WHERE seq = 8;
             UPDATE audit SET time = (SELECT time FROM t WHERE seq = 8), officer = (SELECT officer FROM t WHERE seq = 8),
               action = (SELECT action FROM t WHERE seq = 8), object = (SELECT object FROM t WHERE seq = 8),
               details = (SELECT details FROM t WHERE seq = 8), prevHash = (SELECT prevHash FROM t WHERE seq = 8),
               hash = (SELECT hash FROM t WHERE seq = 8) WHERE seq = 9;
            """
        let result = try sql(office, swap)
        #expect(result.succeeded, "\(result.stderr)")
        #expect(try office.station.verifyAudit().firstProblem == .reordered(seq: 8, carriesRecordOf: 9))
    }

    @Test("truncating the tail after a checkpoint is detected")
    func truncated() throws {
        let office = try audited()
        let last = try office.station.verifyAudit().lastSeq
        #expect(try sql(office, Self.dropTriggers + " DELETE FROM audit WHERE seq > \(last - 2);").succeeded)
        let result = try office.station.verifyAudit()
        #expect(result.problems.contains(.truncated(lastRecord: last - 2, checkpointed: last)), "\(result.problems)")
    }

    @Test("a chain rewritten consistently after an edit is caught by the signed checkpoint")
    func rewritten() throws {
        let office = try audited()
        // Rebuild the chain from record 3 on with one changed field, as an attacker with the database could.
        var records = try office.station.auditRecords()
        records[2].details = "{\"rewritten\":\"yes\"}"
        var statements = Self.dropTriggers + " DELETE FROM audit WHERE seq >= 3;"
        var previous = records[1].hash
        for var record in records[2...] {
            record.prevHash = previous
            record.hash = try rehash(record)
            previous = record.hash
            statements += " INSERT INTO audit VALUES (\(record.seq), '\(record.time)', '\(record.officer)', '\(record.action)', '\(record.object)', '\(record.details.replacingOccurrences(of: "'", with: "''"))', x'\(Hex.encode(record.prevHash))', x'\(Hex.encode(record.hash))');"
        }
        let result = try sql(office, statements)
        #expect(result.succeeded, "\(result.stderr)")
        let verification = try office.station.verifyAudit()
        #expect(verification.problems.count == 1)
        guard case .checkpointMismatch = verification.firstProblem else { Issue.record("\(verification.problems)"); return }
    }

    /// The chain hash as the station defines it (SM3 over the previous hash and length-prefixed fields).
    func rehash(_ record: AuditRecord) throws -> Data {
        var bytes = Array(record.prevHash)
        for field in [String(record.seq), record.time, record.officer, record.action, record.object, record.details] {
            let utf8 = Array(field.utf8)
            bytes += withUnsafeBytes(of: UInt32(utf8.count).bigEndian, Array.init) + utf8
        }
        return Data(try SM3.hash(bytes))
    }
}
