import Foundation
import SealAudit
import SealCrypto
import SealRegistry
import SealStation
import SealTestSupport
import Testing

/// Officers: the passphrase rule, changing one's own passphrase, disabling and enabling, and audited role refusals.
@Suite("Officers")
struct OfficerTests {
    func secret(_ text: String) -> SecretBytes { SecretBytes(utf8: text) }

    func lastAudit(_ station: Station) throws -> AuditRecord {
        try #require(try station.auditRecords(since: 1, limit: 100_000).last)
    }

    func details(_ record: AuditRecord) throws -> [String: String] {
        try #require(try JSONSerialization.jsonObject(with: Data(record.details.utf8)) as? [String: String])
    }

    @Test("the passphrase rule counts characters: 12 pass, 11 are refused, whatever their bytes")
    func ruleLength() throws {
        let office = try OfficeFixture()
        // (passphrase, characters): ASCII, CJK (3 bytes each), combining accents (2 scalars each), an emoji sequence.
        let cases: [(String, Int)] = [
            ("abcdefghijk", 11), ("abcdefghijkl", 12), (String(repeating: "印", count: 11), 11), (String(repeating: "印", count: 12), 12),
            (String(repeating: "e\u{301}", count: 11), 11), (String(repeating: "e\u{301}", count: 12), 12),
            (String(repeating: "👩‍💻", count: 11), 11), ("", 0), ("x", 1),
        ]
        for (index, (passphrase, characters)) in cases.enumerated() {
            let name = "officer\(index)"
            if characters >= OfficerPassphraseRule.minimumCharacters {
                #expect(try office.station.addOfficer(by: office.admin, name: name, role: .operatorRole, passphrase: secret(passphrase), now: OfficeFixture.now).id != nil)
                #expect(try office.station.authenticate(name, role: .operatorRole, passphrase: secret(passphrase)).name == name)
            } else {
                #expect(throws: RegistryError.passphraseTooShort(officer: name, characters: characters, minimum: 12)) {
                    try office.station.addOfficer(by: office.admin, name: name, role: .operatorRole, passphrase: secret(passphrase), now: OfficeFixture.now)
                }
                #expect(try office.station.roles(of: name).isEmpty)
            }
        }
    }

    @Test("a passphrase containing the officer's name is refused, in any letter case and without the name's spaces")
    func ruleName() throws {
        let office = try OfficeFixture()
        for (name, passphrase) in [
            ("Alice Wang", "alice wang 2026 passphrase"), ("Alice Wang", "ALICEWANG-is-my-name"), ("Alice Wang", "Alice Wang!!"),
            ("王经办", "我是王经办的口令二零二六"), ("Zoë", "my ZOË passphrase 2026"),
        ] {
            #expect(throws: RegistryError.passphraseContainsName(officer: name)) {
                try office.station.addOfficer(by: office.admin, name: name, role: .operatorRole, passphrase: secret(passphrase), now: OfficeFixture.now)
            }
        }
        // Not the name: accepted.
        #expect(try office.station.addOfficer(by: office.admin, name: "Alice Wang", role: .operatorRole,
                                              passphrase: secret("alice's other passphrase"), now: OfficeFixture.now).id != nil)
        // The first administrator too, before anything is written.
        let directory = try TemporaryDirectory()
        #expect(throws: RegistryError.passphraseTooShort(officer: "管理员", characters: 5, minimum: 12)) {
            try Station.initialize(
                databasePath: directory.path("station/registry.sqlite"), stationName: "测试站", organization: "某市公安局", administrator: "管理员",
                administratorPassphrase: secret("short"), stationPassphrase: secret("station passphrase"), templates: office.station.templates,
                vendorProfiles: office.station.vendorProfiles, keyEncryption: OfficeFixture.encryption, now: OfficeFixture.now)
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path("station")))
    }

    @Test("passwd: the old passphrase is checked (a wrong one counts), the new one meets the rule and differs, and it is audited")
    func passwd() throws {
        let office = try OfficeFixture()
        let station = office.station
        #expect(throws: RegistryError.wrongPassphrase(officer: "经办人丁", attemptsLeft: 4)) {
            try station.changePassphrase(of: "经办人丁", role: .operatorRole, old: secret("not the passphrase"),
                                         new: secret("a new passphrase 2026"), now: OfficeFixture.now)
        }
        #expect(try station.officers().first { $0.name == "经办人丁" }?.failedAttempts == 1)
        #expect(throws: RegistryError.passphraseTooShort(officer: "经办人丁", characters: 6, minimum: 12)) {
            try station.changePassphrase(of: "经办人丁", role: .operatorRole, old: secret("clerk passphrase"), new: secret("short!"), now: OfficeFixture.now)
        }
        #expect(throws: RegistryError.passphraseContainsName(officer: "经办人丁")) {
            try station.changePassphrase(of: "经办人丁", role: .operatorRole, old: secret("clerk passphrase"),
                                         new: secret("经办人丁 passphrase 2026"), now: OfficeFixture.now)
        }
        #expect(throws: RegistryError.passphraseUnchanged(officer: "经办人丁")) {
            try station.changePassphrase(of: "经办人丁", role: .operatorRole, old: secret("clerk passphrase"), new: secret("clerk passphrase"), now: OfficeFixture.now)
        }
        // Nothing changed so far: the old passphrase still signs in.
        #expect(try station.authenticate("经办人丁", role: .operatorRole, passphrase: secret("clerk passphrase")).name == "经办人丁")
        try station.changePassphrase(of: "经办人丁", role: .operatorRole, old: secret("clerk passphrase"),
                                     new: secret("a new passphrase 2026"), now: OfficeFixture.now)
        let record = try lastAudit(station)
        #expect(record.action == "officer.passwd" && record.officer == "经办人丁" && record.object == "officer:经办人丁")
        #expect(try details(record) == ["role": "operator"])
        #expect(throws: RegistryError.wrongPassphrase(officer: "经办人丁", attemptsLeft: 4)) {
            try station.authenticate("经办人丁", role: .operatorRole, passphrase: secret("clerk passphrase"))
        }
        #expect(try station.authenticate("经办人丁", role: .operatorRole, passphrase: secret("a new passphrase 2026")).failedAttempts == 0)
        #expect(try station.verifyAudit().isValid)
    }

    @Test("a disabled officer cannot sign in in any role until enabled; both are audited")
    func disableEnable() throws {
        let office = try OfficeFixture()
        let station = office.station
        // 经办人丁 also holds the approver role: disabling is per officer, so both roles are refused.
        _ = try station.addOfficer(by: office.admin, name: "经办人丁", role: .approver, passphrase: secret("approver role passphrase"), now: OfficeFixture.now)
        try station.disableOfficer(by: office.admin, name: "经办人丁", now: OfficeFixture.now)
        let disabled = try lastAudit(station)
        #expect(disabled.action == "officer.disable" && disabled.officer == "管理员甲" && disabled.object == "officer:经办人丁")
        #expect(try details(disabled) == ["roles": "approver,operator"])
        #expect(try station.officers().filter { $0.name == "经办人丁" }.allSatisfy(\.disabled))
        for (role, passphrase) in [(OfficerRole.operatorRole, "clerk passphrase"), (.approver, "approver role passphrase"), (.auditor, "clerk passphrase")] {
            #expect(throws: RegistryError.officerDisabled(name: "经办人丁")) {
                try station.authenticate("经办人丁", role: role, passphrase: secret(passphrase))
            }
        }
        #expect("\(RegistryError.officerDisabled(name: "经办人丁"))".contains("disabled and cannot sign in"))
        #expect(try lastAudit(station).action == "officer.login-refused")
        // Passwd is a sign-in too.
        #expect(throws: RegistryError.officerDisabled(name: "经办人丁")) {
            try station.changePassphrase(of: "经办人丁", role: .operatorRole, old: secret("clerk passphrase"), new: secret("another passphrase"), now: OfficeFixture.now)
        }
        // A role added while disabled is disabled too.
        try station.disableOfficer(by: office.admin, name: "审计员丙", now: OfficeFixture.now)
        _ = try station.addOfficer(by: office.admin, name: "审计员丙", role: .operatorRole, passphrase: secret("operator role passphrase"), now: OfficeFixture.now)
        #expect(throws: RegistryError.officerDisabled(name: "审计员丙")) {
            try station.authenticate("审计员丙", role: .operatorRole, passphrase: secret("operator role passphrase"))
        }
        #expect(throws: RegistryError.invalidTransition(object: "officer 经办人丁", from: "disabled", action: "disabled")) {
            try station.disableOfficer(by: office.admin, name: "经办人丁", now: OfficeFixture.now)
        }
        try station.enableOfficer(by: office.admin, name: "经办人丁", now: OfficeFixture.now)
        #expect(try lastAudit(station).action == "officer.enable")
        #expect(try station.authenticate("经办人丁", role: .operatorRole, passphrase: secret("clerk passphrase")).disabled == false)
        #expect(throws: RegistryError.invalidTransition(object: "officer 经办人丁", from: "enabled", action: "enabled")) {
            try station.enableOfficer(by: office.admin, name: "经办人丁", now: OfficeFixture.now)
        }
        #expect(throws: RegistryError.officerNotFound(name: "无此人")) { try station.disableOfficer(by: office.admin, name: "无此人", now: OfficeFixture.now) }
        #expect(try station.verifyAudit().isValid)
    }

    @Test("the last enabled administrator who can sign in cannot be disabled; a locked or disabled one does not count")
    func lastAdministrator() throws {
        let office = try OfficeFixture()
        let station = office.station
        #expect(throws: RegistryError.lastAdministrator(name: "管理员甲")) {
            try station.disableOfficer(by: office.admin, name: "管理员甲", now: OfficeFixture.now)
        }
        let second = try station.addOfficer(by: office.admin, name: "管理员戊", role: .administrator, passphrase: secret("second admin passphrase"), now: OfficeFixture.now)
        // A locked second administrator cannot unlock anyone, so the first is still the last.
        for _ in 0..<Station.maximumFailedAttempts {
            _ = try? station.authenticate("管理员戊", role: .administrator, passphrase: secret("wrong passphrase"))
        }
        #expect(throws: RegistryError.lastAdministrator(name: "管理员甲")) {
            try station.disableOfficer(by: office.admin, name: "管理员甲", now: OfficeFixture.now)
        }
        try station.unlockOfficer(by: office.admin, name: "管理员戊")
        // Now the first may be disabled (even by themselves), and the second becomes the last.
        try station.disableOfficer(by: office.admin, name: "管理员甲", now: OfficeFixture.now)
        #expect(throws: RegistryError.lastAdministrator(name: "管理员戊")) {
            try station.disableOfficer(by: second, name: "管理员戊", now: OfficeFixture.now)
        }
        #expect(throws: RegistryError.officerDisabled(name: "管理员甲")) {
            try station.authenticate("管理员甲", role: .administrator, passphrase: secret("admin passphrase"))
        }
        try station.enableOfficer(by: second, name: "管理员甲", now: OfficeFixture.now)
        #expect(try station.authenticate("管理员甲", role: .administrator, passphrase: secret("admin passphrase")).name == "管理员甲")
    }

    @Test("every refusal for a missing role is audited with the officer, the attempted action and the required role")
    func roleRefusalsAudited() throws {
        let office = try OfficeFixture()
        let station = office.station
        let refusals: [(String, OfficerRole, () throws -> Void)] = [
            ("add officers", .administrator, { _ = try station.addOfficer(by: office.clerk, name: "某人", role: .operatorRole, passphrase: self.secret("some passphrase 2026"), now: OfficeFixture.now) }),
            ("disable officers", .administrator, { try station.disableOfficer(by: office.approver, name: "经办人丁", now: OfficeFixture.now) }),
            ("enable officers", .administrator, { try station.enableOfficer(by: office.auditor, name: "经办人丁", now: OfficeFixture.now) }),
            ("unlock officers", .administrator, { try station.unlockOfficer(by: office.clerk, name: "经办人丁") }),
            ("apply for seals", .operatorRole, { _ = try station.apply(by: office.approver, OfficeFixture.unitApplication, now: OfficeFixture.now) }),
            ("decide applications", .approver, { _ = try station.approve(by: office.clerk, applicationID: 1, note: nil, now: OfficeFixture.now) }),
            ("revoke seals", .approver, { _ = try station.revoke(by: office.admin, sealID: 1, reason: "x", now: OfficeFixture.now) }),
            ("request seal uses", .operatorRole, { _ = try station.requestUse(by: office.auditor, sealID: 1, reason: "x", count: 1, now: OfficeFixture.now) }),
        ]
        for (action, required, attempt) in refusals {
            #expect { try attempt() } throws: { error in
                guard case RegistryError.roleNotAllowed(_, _, let named, let needed) = error else { return false }
                return named == action && needed == required.chineseName && "\(error)".contains("that needs \(required.chineseName)")
            }
            let record = try lastAudit(station)
            #expect(record.action == "officer.role-refused", "\(action)")
            let fields = try details(record)
            #expect(fields["action"] == action && fields["requiredRole"] == required.rawValue && fields["signedIn"] == "yes", "\(fields)")
        }
        // Signing in as a role the officer does not hold: refused before the passphrase is checked, and audited.
        #expect(throws: RegistryError.roleNotAllowed(officer: "经办人丁", role: "经办人", action: "issue seals", required: "系统管理员")) {
            try station.authenticate("经办人丁", role: .administrator, passphrase: secret("clerk passphrase"), to: "issue seals")
        }
        let signIn = try lastAudit(station)
        #expect(signIn.officer == "经办人丁" && signIn.action == "officer.role-refused")
        #expect(try details(signIn)["heldRoles"] == "operator" && details(signIn)["signedIn"]?.hasPrefix("no") == true)
        #expect(try station.verifyAudit().isValid)
    }

    @Test("a role refusal stands when its audit record cannot be written")
    func refusalStandsWithoutAudit() throws {
        let office = try OfficeFixture()
        // A trigger in the real registry makes every audit insert fail, as a full disk or a read-only file would.
        let result = try ExternalTool.run("sqlite3", [office.station.database.path,
            "CREATE TRIGGER audit_refuse_insert BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END;"])
        #expect(result.succeeded, "\(result.stderr)")
        let before = try office.station.auditRecords(since: 1, limit: 100_000).count
        #expect(throws: RegistryError.roleNotAllowed(officer: "审批人乙", role: "安全保密管理员/审批人", action: "apply for seals", required: "经办人")) {
            try office.station.apply(by: office.approver, OfficeFixture.unitApplication, now: OfficeFixture.now)
        }
        #expect(throws: RegistryError.roleNotAllowed(officer: "经办人丁", role: "经办人", action: "sign in as 安全审计员", required: "安全审计员")) {
            try office.station.authenticate("经办人丁", role: .auditor, passphrase: secret("clerk passphrase"))
        }
        #expect(try office.station.auditRecords(since: 1, limit: 100_000).count == before)
        #expect(try office.station.applications(state: nil).isEmpty)
    }
}
