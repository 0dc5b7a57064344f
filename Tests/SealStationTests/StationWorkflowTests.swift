import Foundation
import SealCrypto
import SealPKI
import SealRegistry
import SealSES
import SealStation
import SealTestSupport
import Testing
import SealAudit

@Suite("Station workflow: apply, approve, issue, use, change, revoke")
struct StationWorkflowTests {
    @Test("the whole lifecycle, with the seal and signature verifying against the station CA")
    func lifecycle() async throws {
        let office = try OfficeFixture()
        let seal = try office.issuedSeal()
        #expect(seal.state == .issued)
        #expect(seal.esID == "11010800000001")
        let parsed = try ElectronicSeal(derEncoded: Array(seal.sealDER))
        #expect(SealVerifier(trust: .anchors([office.station.ca.certificate])).verify(parsed, at: OfficeFixture.now.addingTimeInterval(60)).isValid)
        let folder = try office.station.custodyDirectory(of: seal).path
        for file in ["holder-key.p8", "holder-cert.der", "chain.pem", "seal.sel", "seal.png", "seal.svg", "README.txt"] {
            #expect(FileManager.default.fileExists(atPath: "\(folder)/\(file)"), "\(file)")
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: "\(folder)/holder-key.p8")
        #expect(attributes[.posixPermissions] as? Int == 0o600)

        let request = try office.station.requestUse(by: office.clerk, sealID: seal.id!, reason: "签订采购合同", count: 1, now: OfficeFixture.now)
        _ = try office.station.approveUse(by: office.approver, requestID: request.id!, now: OfficeFixture.now)
        let document = Array("采购合同全文".utf8)
        let (signature, log) = try office.station.sign(
            by: office.clerk, sealID: seal.id!, document: document, documentName: "合同.pdf",
            holderPassphrase: OfficeFixture.secret("holder passphrase"), now: OfficeFixture.now.addingTimeInterval(120))
        let report = SignatureVerifier(trust: .anchors([office.station.ca.certificate])).verify(signature, document: document, fallbackTime: Date())
        #expect(report.isValid, "\(report.failures)")
        let documentSM3 = Hex.encode(try SM3.hash(document))
        #expect(log.reason == "签订采购合同" && log.approverID == office.approver.id && log.documentSM3 == documentSM3)

        // 变更: a new seal replaces the old one, which becomes superseded.
        var change = OfficeFixture.unitApplication
        change.replacesSealID = seal.id
        change.reason = "印章磨损更换"
        let application = try office.station.apply(by: office.clerk, change, now: OfficeFixture.now)
        _ = try office.station.approve(by: office.approver, applicationID: application.id!, note: nil, now: OfficeFixture.now)
        let replacement = try office.station.issue(
            by: office.clerk, applicationID: application.id!, stationPassphrase: OfficeFixture.secret("station passphrase"),
            holderPassphrase: OfficeFixture.secret("holder passphrase"), keyEncryption: OfficeFixture.encryption, now: OfficeFixture.now)
        #expect(replacement.replacesSealID == seal.id)
        #expect(try office.station.seal(seal.id!).state == .superseded)
        // 注销.
        let revoked = try office.station.revoke(by: office.approver, sealID: replacement.id!, reason: "单位注销", now: OfficeFixture.now)
        #expect(revoked.state == .revoked && revoked.revokeReason == "单位注销")
        #expect(try office.station.seals(.init(creditCode: "91110108ma00000070")).count == 2)
        #expect(try office.station.seals(.init(state: .revoked)).map(\.id) == [replacement.id])
    }

    @Test("a personal seal needs a valid 公民身份号码 and renders on a square template")
    func personalSeal() async throws {
        let office = try OfficeFixture()
        let application = SealApplication(
            unitName: "北京某某科技发展有限公司", creditCode: "91110108MA00000070", template: "square-20", holderName: "张小明印",
            holderIDNumber: "11010519491231002X", reason: "法定代表人名章")
        let record = try office.station.apply(by: office.clerk, application, now: OfficeFixture.now)
        _ = try office.station.approve(by: office.approver, applicationID: record.id!, note: nil, now: OfficeFixture.now)
        let seal = try office.station.issue(
            by: office.clerk, applicationID: record.id!, stationPassphrase: OfficeFixture.secret("station passphrase"),
            holderPassphrase: OfficeFixture.secret("holder"), keyEncryption: OfficeFixture.encryption, now: OfficeFixture.now)
        #expect(try ElectronicSeal(derEncoded: Array(seal.sealDER)).typeCode == 2)
    }
}

@Suite("Station refusals leave the registry unchanged")
struct StationRefusalTests {
    /// Runs `body`, expects it to throw, and checks the registry is unchanged — but for one audit record with action
    /// `audited`, when given (a role refusal is recorded); returns the error's message.
    @discardableResult
    func refused(_ office: OfficeFixture, audited: String? = nil, _ body: () throws -> Void) throws -> String {
        let before = try office.snapshot()
        let records = try office.station.auditRecords(since: 1, limit: 100_000)
        var message = ""
        do {
            try body()
            Issue.record("expected a refusal")
        } catch {
            message = "\(error)"
        }
        let after = try office.station.auditRecords(since: 1, limit: 100_000)
        if let audited {
            let withoutAudit = { (dump: String) in dump.split(separator: "\n").filter { !$0.hasPrefix("INSERT INTO audit VALUES") } }
            #expect(try withoutAudit(office.snapshot()) == withoutAudit(before), "the registry changed: \(message)")
            #expect(after.count == records.count + 1 && after.last?.action == audited, "\(after.last?.action ?? "-")")
        } else {
            #expect(try office.snapshot() == before, "the registry changed: \(message)")
        }
        return message
    }

    @Test("the applicant approving its own application is refused")
    func selfApproval() async throws {
        let office = try OfficeFixture()
        // 经办人丁 is also given the approver role (allowed: operator is not one of the three separated roles).
        let dualApprover = try office.station.addOfficer(by: office.admin, name: "经办人丁", role: .approver, passphrase: OfficeFixture.secret("dual passphrase"), now: OfficeFixture.now)
        let application = try office.station.apply(by: office.clerk, OfficeFixture.unitApplication, now: OfficeFixture.now)
        let message = try refused(office) { _ = try office.station.approve(by: dualApprover, applicationID: application.id!, note: nil, now: OfficeFixture.now) }
        #expect(message.contains("may not also approve"))
    }

    @Test("one officer holding two of administrator, approver and auditor is refused")
    func separationOfDuties() async throws {
        let office = try OfficeFixture()
        let message = try refused(office) {
            _ = try office.station.addOfficer(by: office.admin, name: "审批人乙", role: .auditor, passphrase: OfficeFixture.secret("second role passphrase"), now: OfficeFixture.now)
        }
        #expect(message.contains("三员分立"))
    }

    @Test("invalid credit codes and 身份证号 are refused naming the failing character")
    func invalidIdentifiers() async throws {
        let office = try OfficeFixture()
        var application = OfficeFixture.unitApplication
        application.creditCode = "91110108MA00000071"
        let wrongCheck = try refused(office) { _ = try office.station.apply(by: office.clerk, application, now: OfficeFixture.now) }
        #expect(wrongCheck.contains("check character") && wrongCheck.contains("\"1\"") && wrongCheck.contains("\"0\""))
        application.creditCode = "91110108MA0000007I"
        let badCharacter = try refused(office) { _ = try office.station.apply(by: office.clerk, application, now: OfficeFixture.now) }
        #expect(badCharacter.contains("character 18 \"I\""))
        let personal = SealApplication(
            unitName: "某公司", creditCode: "91110108MA00000070", template: "square-20", holderName: "张三印",
            holderIDNumber: "110105194912310021", reason: "名章")
        let wrongID = try refused(office) { _ = try office.station.apply(by: office.clerk, personal, now: OfficeFixture.now) }
        #expect(wrongID.contains("公民身份号码") && wrongID.contains("\"1\"") && wrongID.contains("\"X\""))
        #expect(throws: IdentifierError.self) { try ResidentIdentityNumber("11010519491331002X") }
        #expect(try UnifiedSocialCreditCode("91350100M000100Y43").value == "91350100M000100Y43")
        #expect(try ResidentIdentityNumber("11010519491231002x").value == "11010519491231002X")
    }

    @Test("five wrong passphrases lock the officer until an administrator unlocks")
    func lockout() async throws {
        let office = try OfficeFixture()
        for attempt in 1...4 {
            #expect(throws: RegistryError.wrongPassphrase(officer: "经办人丁", attemptsLeft: 5 - attempt)) {
                try office.station.authenticate("经办人丁", role: .operatorRole, passphrase: OfficeFixture.secret("wrong"))
            }
        }
        #expect(throws: RegistryError.officerLocked(name: "经办人丁")) {
            try office.station.authenticate("经办人丁", role: .operatorRole, passphrase: OfficeFixture.secret("wrong"))
        }
        #expect(throws: RegistryError.officerLocked(name: "经办人丁")) {
            try office.station.authenticate("经办人丁", role: .operatorRole, passphrase: OfficeFixture.secret("clerk passphrase"))
        }
        try office.station.unlockOfficer(by: office.admin, name: "经办人丁")
        _ = try office.station.authenticate("经办人丁", role: .operatorRole, passphrase: OfficeFixture.secret("clerk passphrase"))
    }

    @Test("signing beyond the approved count, or without approval, is refused")
    func useCount() async throws {
        let office = try OfficeFixture()
        let seal = try office.issuedSeal()
        func sign() throws {
            _ = try office.station.sign(
                by: office.clerk, sealID: seal.id!, document: [1, 2, 3], documentName: "d", holderPassphrase: OfficeFixture.secret("holder passphrase"),
                now: OfficeFixture.now.addingTimeInterval(60))
        }
        #expect(try refused(office, sign).contains("no approved use"))
        let request = try office.station.requestUse(by: office.clerk, sealID: seal.id!, reason: "合同", count: 2, now: OfficeFixture.now)
        #expect(try refused(office, sign).contains("no approved use"))
        _ = try office.station.approveUse(by: office.approver, requestID: request.id!, now: OfficeFixture.now)
        try sign()
        try sign()
        #expect(try refused(office, sign).contains("no approved use"))
        #expect(try office.station.useRequest(request.id!).state == .exhausted)
        #expect(try office.station.useLog(sealID: seal.id).count == 2)
    }

    @Test("transitions out of order are refused: issue before approval, revoke twice, approve twice")
    func transitions() async throws {
        let office = try OfficeFixture()
        let application = try office.station.apply(by: office.clerk, OfficeFixture.unitApplication, now: OfficeFixture.now)
        let early = try refused(office) {
            _ = try office.station.issue(
                by: office.clerk, applicationID: application.id!, stationPassphrase: OfficeFixture.secret("station passphrase"),
                holderPassphrase: OfficeFixture.secret("h"), keyEncryption: OfficeFixture.encryption, now: OfficeFixture.now)
        }
        #expect(early.contains("is applied; it cannot be issued"))
        _ = try office.station.approve(by: office.approver, applicationID: application.id!, note: nil, now: OfficeFixture.now)
        #expect(try refused(office) { _ = try office.station.approve(by: office.approver, applicationID: application.id!, note: nil, now: OfficeFixture.now) }
            .contains("cannot be approved"))
        let wrongStationPassphrase = try refused(office) {
            _ = try office.station.issue(
                by: office.clerk, applicationID: application.id!, stationPassphrase: OfficeFixture.secret("wrong"),
                holderPassphrase: OfficeFixture.secret("h"), keyEncryption: OfficeFixture.encryption, now: OfficeFixture.now)
        }
        #expect(wrongStationPassphrase.contains("wrong passphrase"))
        let seal = try office.station.issue(
            by: office.clerk, applicationID: application.id!, stationPassphrase: OfficeFixture.secret("station passphrase"),
            holderPassphrase: OfficeFixture.secret("h"), keyEncryption: OfficeFixture.encryption, now: OfficeFixture.now)
        _ = try office.station.revoke(by: office.approver, sealID: seal.id!, reason: "注销", now: OfficeFixture.now)
        #expect(try refused(office) { _ = try office.station.revoke(by: office.approver, sealID: seal.id!, reason: "again", now: OfficeFixture.now) }
            .contains("is revoked; it cannot be revoked"))
        #expect(try refused(office) { _ = try office.station.requestUse(by: office.clerk, sealID: seal.id!, reason: "x", count: 1, now: OfficeFixture.now) }
            .contains("cannot be used"))
        // Roles: an operator cannot approve, an approver cannot issue.
        #expect(try refused(office, audited: "officer.role-refused") {
            _ = try office.station.apply(by: office.approver, OfficeFixture.unitApplication, now: OfficeFixture.now)
        }.contains("may not apply"))
    }
}
