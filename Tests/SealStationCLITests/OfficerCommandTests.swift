import Foundation
import SealTestSupport
import Testing

/// `officer passwd|disable|enable|list`, the passphrase rule and audited role refusals, through the built binary.
@Suite("sealstation officer commands")
struct OfficerCommandTests {
    /// A station with an administrator (张管理), an approver (李审批), an operator (王经办) and an auditor (赵审计).
    func station() throws -> (TemporaryDirectory, ([String]) throws -> ExternalTool.Result) {
        let directory = try TemporaryDirectory()
        for name in ["admin", "station", "approver", "clerk", "auditor", "holder"] {
            try directory.write("\(name).pass", text: "\(name) passphrase 2026\n")
        }
        let db = directory.path("station/registry.sqlite")
        let run: ([String]) throws -> ExternalTool.Result = { arguments in try SealStationCLI.run(arguments + ["--db", db]) }
        let admin = ["--officer", "张管理", "--passphrase-file", directory.path("admin.pass")]
        #expect(try run(["init", "--name", "测试站", "--org", "某市公安局", "--admin", "张管理", "--passphrase-file", directory.path("admin.pass"),
                         "--station-passphrase-file", directory.path("station.pass")]).status == 0)
        for (name, role, file) in [("李审批", "approver", "approver"), ("王经办", "operator", "clerk"), ("赵审计", "auditor", "auditor")] {
            let added = try run(["officer", "add", "--name", name, "--role", role, "--new-passphrase-file", directory.path("\(file).pass")] + admin)
            #expect(added.status == 0, "\(added.stderr)")
        }
        return (directory, run)
    }

    func auditActions(_ directory: TemporaryDirectory, _ run: ([String]) throws -> ExternalTool.Result) throws -> [[String: Any]] {
        let shown = try run(["audit", "show", "--officer", "赵审计", "--passphrase-file", directory.path("auditor.pass"), "--json"])
        #expect(shown.status == 0, "\(shown.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: shown.standardOutput) as? [[String: Any]])
    }

    func apply(_ run: ([String]) throws -> ExternalTool.Result, _ signIn: [String]) throws -> ExternalTool.Result {
        try run(["apply", "--unit", "北京某某科技发展有限公司", "--credit-code", "91110108MA00000070", "--template", "round-42", "--reason", "新设立"] + signIn)
    }

    @Test("officer passwd: the old passphrase, then the new one from a file; the old stops working; refusals name the rule")
    func passwd() throws {
        let (directory, run) = try station()
        let clerk = ["--officer", "王经办", "--passphrase-file", directory.path("clerk.pass")]
        try directory.write("short.pass", text: "too short\n")
        try directory.write("named.pass", text: "王经办的新口令二〇二六年\n")
        try directory.write("new.pass", text: "a brand new passphrase 2026\n")
        let short = try run(["officer", "passwd", "--new-passphrase-file", directory.path("short.pass")] + clerk)
        #expect(short.status == 1)
        #expect(short.stderr.contains("has 9 characters; at least 12 are required"), "\(short.stderr)")
        let named = try run(["officer", "passwd", "--new-passphrase-file", directory.path("named.pass")] + clerk)
        #expect(named.status == 1)
        #expect(named.stderr.contains("contains the officer's name"), "\(named.stderr)")
        let same = try run(["officer", "passwd", "--new-passphrase-file", directory.path("clerk.pass")] + clerk)
        #expect(same.status == 1)
        #expect(same.stderr.contains("is the old one"), "\(same.stderr)")
        // A wrong old passphrase is a failed sign-in (it counts toward the lock) and changes nothing.
        try directory.write("wrong.pass", text: "not the passphrase\n")
        let wrongOld = try run(["officer", "passwd", "--officer", "王经办", "--passphrase-file", directory.path("wrong.pass"),
                                "--new-passphrase-file", directory.path("new.pass")])
        #expect(wrongOld.status == 1)
        #expect(wrongOld.stderr.contains("4 attempts left"), "\(wrongOld.stderr)")
        #expect(try apply(run, clerk).status == 0)

        let changed = try run(["officer", "passwd", "--new-passphrase-file", directory.path("new.pass"), "--json"] + clerk)
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(try SealStationCLI.json(changed)["changed"] as? Bool == true)
        let old = try apply(run, clerk)
        #expect(old.status == 1)
        #expect(old.stderr.contains("wrong passphrase"))
        #expect(try apply(run, ["--officer", "王经办", "--passphrase-file", directory.path("new.pass")]).status == 0)
        let records = try auditActions(directory, run)
        #expect(records.contains { $0["action"] as? String == "officer.passwd" && $0["officer"] as? String == "王经办" })

        // No terminal and no --new-passphrase-file: the message names that option.
        let noNew = try run(["officer", "passwd", "--officer", "王经办", "--passphrase-file", directory.path("new.pass")])
        #expect(noNew.status == 1)
        #expect(noNew.stderr.contains("give --new-passphrase-file FILE"), "\(noNew.stderr)")
    }

    @Test("officer passwd for an officer holding two roles needs --role")
    func passwdTwoRoles() throws {
        let (directory, run) = try station()
        try directory.write("second.pass", text: "operator role passphrase\n")
        try directory.write("new.pass", text: "a brand new passphrase 2026\n")
        #expect(try run(["officer", "add", "--officer", "张管理", "--passphrase-file", directory.path("admin.pass"), "--name", "李审批",
                         "--role", "operator", "--new-passphrase-file", directory.path("second.pass")]).status == 0)
        let ambiguous = try run(["officer", "passwd", "--officer", "李审批", "--passphrase-file", directory.path("second.pass"),
                                 "--new-passphrase-file", directory.path("new.pass")])
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr.contains("give --role"), "\(ambiguous.stderr)")
        let changed = try run(["officer", "passwd", "--officer", "李审批", "--role", "operator", "--passphrase-file", directory.path("second.pass"),
                               "--new-passphrase-file", directory.path("new.pass")])
        #expect(changed.status == 0, "\(changed.stderr)")
        // Only that role's passphrase changed.
        #expect(try run(["approve", "99", "--officer", "李审批", "--passphrase-file", directory.path("approver.pass")]).stderr.contains("no application 99"))
    }

    @Test("officer disable/enable: administrators only, audited, the disabled officer cannot sign in, list shows the state")
    func disableEnable() throws {
        let (directory, run) = try station()
        let admin = ["--officer", "张管理", "--passphrase-file", directory.path("admin.pass")]
        let clerk = ["--officer", "王经办", "--passphrase-file", directory.path("clerk.pass")]
        let byClerk = try run(["officer", "disable", "李审批"] + clerk)
        #expect(byClerk.status == 1)
        #expect(byClerk.stderr.contains("may not disable officers; that needs 系统管理员"), "\(byClerk.stderr)")
        let disabled = try run(["officer", "disable", "王经办"] + admin)
        #expect(disabled.status == 0, "\(disabled.stderr)")
        let refused = try apply(run, clerk)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("王经办 is disabled and cannot sign in"), "\(refused.stderr)")
        let list = try run(["officer", "list", "--json"] + admin)
        let rows = try #require(try JSONSerialization.jsonObject(with: list.standardOutput) as? [[String: Any]])
        #expect(rows.first { $0["name"] as? String == "王经办" }?["state"] as? String == "disabled")
        #expect(rows.first { $0["name"] as? String == "李审批" }?["state"] as? String == "enabled")
        let table = try run(["officer", "list"] + admin)
        #expect(table.stdout.contains("state") && table.stdout.contains("disabled"))
        let last = try run(["officer", "disable", "张管理"] + admin)
        #expect(last.status == 1)
        #expect(last.stderr.contains("last enabled administrator"), "\(last.stderr)")
        #expect(try run(["officer", "enable", "王经办"] + admin).status == 0)
        #expect(try apply(run, clerk).status == 0)
        let actions = try auditActions(directory, run).compactMap { $0["action"] as? String }
        #expect(actions.contains("officer.disable") && actions.contains("officer.enable") && actions.contains("officer.role-refused"))
    }

    @Test("a role violation at the command line is refused and audited naming the officer, the command's action and the role")
    func roleViolationAudited() throws {
        let (directory, run) = try station()
        let wrong = try run(["approve", "1", "--officer", "王经办", "--passphrase-file", directory.path("clerk.pass")])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("王经办 is 经办人 and may not decide applications; that needs 安全保密管理员/审批人"), "\(wrong.stderr)")
        let record = try #require(try auditActions(directory, run).last { $0["action"] as? String == "officer.role-refused" })
        #expect(record["officer"] as? String == "王经办")
        let details = "\(record["details"] ?? "")"
        #expect(details.contains("decide applications") && details.contains("approver"), "\(details)")
    }

    @Test("officer add refuses a passphrase under 12 characters or containing the name")
    func addRule() throws {
        let (directory, run) = try station()
        let admin = ["--officer", "张管理", "--passphrase-file", directory.path("admin.pass")]
        try directory.write("eleven.pass", text: "elevenchars\n")
        try directory.write("named.pass", text: "my name is Zhou Wu, 2026\n")
        let short = try run(["officer", "add", "--name", "周五", "--role", "operator", "--new-passphrase-file", directory.path("eleven.pass")] + admin)
        #expect(short.status == 1)
        #expect(short.stderr.contains("has 11 characters; at least 12"), "\(short.stderr)")
        // Under the 8 characters a key passphrase needs: still the officer rule's message, naming 12.
        try directory.write("seven.pass", text: "sevench\n")
        let shorter = try run(["officer", "add", "--name", "周五", "--role", "operator", "--new-passphrase-file", directory.path("seven.pass")] + admin)
        #expect(shorter.status == 1)
        #expect(shorter.stderr.contains("has 7 characters; at least 12"), "\(shorter.stderr)")
        let named = try run(["officer", "add", "--name", "zhou wu", "--role", "operator", "--new-passphrase-file", directory.path("named.pass")] + admin)
        #expect(named.status == 1)
        #expect(named.stderr.contains("contains the officer's name"), "\(named.stderr)")
        let list = try run(["officer", "list", "--json"] + admin)
        #expect(!list.stdout.contains("周五") && !list.stdout.contains("zhou wu"))
    }
}
