import Foundation
import GRDB
import SealAudit
import SealCrypto
import SealPKI
@testable import SealRegistry
import SealTestSupport
import Testing
import SealSES

/// The registry's named reads and writes, over an in-memory database.
@Suite("Station registry functions")
struct StationDatabaseTests {
    @Test("a new station: its names, its administrator, and the audit records of init, officer.add and data.pin")
    func createStation() throws {
        let fixture = try RegistryFixture()
        let database = fixture.database
        #expect(try database.stationNames() == (name: "测试站", organization: "某市公安局"))
        #expect(try database.officers().map(\.name).sorted() == ["张管理", "李审批", "王经办"].sorted())
        let actions = try database.auditRecords().map(\.action)
        #expect(actions == ["station.init", "officer.add", "data.pin", "officer.add", "officer.add"])
        #expect(try database.dataPins().map(\.item) == [.vendorProfiles])
    }

    @Test("三员分立: a second separated role is refused, and the refusal writes nothing")
    func conflictingRoles() throws {
        let fixture = try RegistryFixture()
        let before = try fixture.database.auditRecordCount()
        #expect(throws: RegistryError.conflictingRoles(officer: "李审批", held: OfficerRole.approver.chineseName, requested: OfficerRole.auditor.chineseName)) {
            _ = try fixture.database.addOfficer(name: "李审批", role: .auditor, passphraseHash: "-", by: "张管理", now: RegistryFixture.now)
        }
        #expect(throws: RegistryError.lastAdministrator(name: "张管理")) {
            try fixture.database.setOfficerDisabled(true, name: "张管理", by: "张管理", now: RegistryFixture.now)
        }
        #expect(try fixture.database.auditRecordCount() == before)
    }

    @Test("apply and decide: typed codes stored upper-case, attachments by SM3, the applicant cannot approve")
    func applications() throws {
        let fixture = try RegistryFixture()
        let holder = try ResidentIdentityNumber("11010519491231002x")
        let application = try fixture.database.recordApplication(
            ApplicationRecord(unitName: "某公司", creditCode: try UnifiedSocialCreditCode("91110108ma00000070"), template: "square-20",
                              holderName: "张三", holderIDNumber: holder, reason: "测试", state: .applied, applicantID: fixture.clerk.id!,
                              createdAt: RegistryFixture.now),
            attachments: [(name: "a.pdf", content: [1, 2, 3])], by: fixture.clerk.name, now: RegistryFixture.now)
        let stored = try fixture.database.application(application.id!)
        #expect(stored.creditCode.value == "91110108MA00000070" && stored.holderIDNumber?.value == "11010519491231002X")
        #expect(try fixture.database.attachments(ofApplication: application.id!)
                == [AttachmentSummary(name: "a.pdf", sm3: Hex.encode(try SM3.hash([1, 2, 3] as [UInt8])), bytes: 3)])
        let clerkAsApprover = OfficerRecord(
            id: fixture.clerk.id, name: fixture.clerk.name, role: .approver, passphraseHash: "-", failedAttempts: 0, locked: false,
            createdAt: RegistryFixture.now)
        #expect(throws: RegistryError.selfApproval(officer: "王经办")) {
            _ = try fixture.database.decideApplication(application.id!, to: .approved, by: clerkAsApprover, note: nil, now: RegistryFixture.now)
        }
        let approved = try fixture.database.decideApplication(application.id!, to: .approved, by: fixture.approver, note: "同意", now: RegistryFixture.now)
        #expect(approved.state == .approved && approved.deciderID == fixture.approver.id)
        #expect(try fixture.database.applications(state: .approved).map(\.id) == [application.id])
    }

    @Test("issue records the seal with its kind and custody; queries find it by a lower-case credit code")
    func issue() throws {
        let fixture = try RegistryFixture()
        let unit = try fixture.issue(try fixture.approvedApplication())
        let personal = try fixture.issue(try fixture.approvedApplication(personal: true), type: .personal,
                                         custody: .token(label: "Holder Token", serial: "0f3a"))
        #expect(try fixture.database.seal(unit.id!).kind == .unit)
        let stored = try fixture.database.seal(personal.id!)
        #expect(stored.kind == .personal && stored.custody == .token(label: "Holder Token", serial: "0f3a"))
        #expect(try fixture.database.seals(SealQuery(creditCode: "91110108ma00000070")).map(\.id) == [unit.id, personal.id])
        #expect(try fixture.database.sealESIDs() == [unit.esID, personal.esID])
        #expect(try fixture.database.application(unit.applicationID).state == .issued)
        let issue = try #require(try fixture.database.auditRecords().last)
        #expect(issue.auditAction == .sealIssue && issue.auditObject == .seal(id: personal.id!)
                && issue.detailValues?["custody"] == "token:Holder Token serial:0f3a")
        // An application issued already cannot be issued again.
        #expect(throws: RegistryError.invalidTransition(object: "application \(unit.applicationID)", from: "not approved", action: "issued")) {
            _ = try fixture.issue(try fixture.database.application(unit.applicationID))
        }
    }

    @Test("the use gate: no approved use, no log; one approved use is consumed, logged and audited with the commit last")
    func useGate() throws {
        let fixture = try RegistryFixture()
        let database = fixture.database
        let seal = try fixture.issue(try fixture.approvedApplication())
        func use(_ commit: () throws -> Void = {}) throws -> UseLogRecord {
            try database.recordUse(sealID: seal.id!, by: fixture.clerk, documentName: "合同.pdf", documentSM3: "aa", signatureSM3: "bb",
                                   now: RegistryFixture.now, commit: commit)
        }
        #expect(throws: RegistryError.noApprovedUse(sealID: seal.id!)) { _ = try use() }
        let request = try database.requestUse(sealID: seal.id!, reason: "签合同", count: 2, by: fixture.clerk, now: RegistryFixture.now)
        #expect(try database.openUse(sealID: seal.id!) == nil)
        _ = try database.approveUse(request.id!, by: fixture.approver, now: RegistryFixture.now)
        #expect(try database.openUse(sealID: seal.id!)?.id == request.id)

        // A commit that fails (the signature file cannot be moved into place) leaves the use unconsumed and unlogged.
        struct CommitFailed: Error {}
        let records = try database.auditRecordCount()
        #expect(throws: CommitFailed.self) { _ = try use { throw CommitFailed() } }
        #expect(try database.useRequest(request.id!).used == 0 && database.useLog(sealID: seal.id!).isEmpty)
        #expect(try database.auditRecordCount() == records)

        var committed = 0
        let log = try use { committed += 1 }
        #expect(committed == 1 && log.useRequestID == request.id && log.approverID == fixture.approver.id && log.documentSM3 == "aa")
        let audit = try #require(try database.auditRecords(since: 1, limit: 10_000).last)
        #expect(audit.auditAction == .useSign && audit.detailValues?["used"] == "1/2" && audit.detailValues?["use"] == "use:\(request.id!)")
        _ = try use()
        #expect(try database.useRequest(request.id!).state == .exhausted)
        #expect(throws: RegistryError.noApprovedUse(sealID: seal.id!)) { _ = try use() }
        #expect(try database.useLog(sealID: seal.id!).count == 2)
    }

    @Test("checkpoints signed with the CA key verify; revoking audits; the export snapshot names the period's seals")
    func auditAndExport() throws {
        let fixture = try RegistryFixture()
        let database = fixture.database
        let seal = try fixture.issue(try fixture.approvedApplication())
        _ = try database.revokeSeal(seal.id!, reason: "遗失", by: fixture.approver.name, now: RegistryFixture.now)
        let checkpoints = try database.signCheckpoints(by: fixture.admin.name, caKey: fixture.pki.caKey, reason: "test", now: RegistryFixture.now)
        #expect(checkpoints.count == 1)
        #expect(try database.verifyAudit(publicKey: fixture.pki.ca.certificate.publicKey).isValid)

        let snapshot = try database.exportSnapshot(maxSeals: 10)
        #expect(snapshot.sequence == 1 && snapshot.previous == nil && snapshot.stationName == "测试站")
        #expect(snapshot.seals.map(\.record.id) == [seal.id] && snapshot.seals.first?.revokedInPeriod == true)
        #expect(snapshot.officers[fixture.clerk.id!] == "王经办")
    }

    @Test("a registry over any writer: a DatabaseQueue file opens again with its data")
    func reopen() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("registry.sqlite")
        let fixture = try RegistryFixture(try DatabaseQueue(path: path))
        let seal = try fixture.issue(try fixture.approvedApplication())
        let again = try StationDatabase(try DatabaseQueue(path: path))
        #expect(try again.seal(seal.id!).esID == seal.esID && again.path == path)
    }
}
