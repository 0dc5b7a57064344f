import Foundation
import SealTestSupport
import Testing

@Suite("sealstation pending work, reading sign-in and share PNGs")
struct PendingWorkCommandTests {
    /// A station with an administrator, an approver, an auditor and an operator, and three applications: 1 issued,
    /// 2 rejected, 3 waiting (applied, with two attachments); one use request waiting for approval.
    final class Station {
        let directory: TemporaryDirectory
        var db: String { directory.path("station/registry.sqlite") }

        init() throws {
            directory = try TemporaryDirectory()
            for name in ["admin", "station", "approver", "auditor", "clerk", "holder"] {
                try directory.write("\(name).pass", text: "\(name) passphrase 2026\n")
            }
            try directory.write("营业执照.txt", text: "营业执照 副本")
            try directory.write("授权书.pdf", text: "%PDF-1.4 授权书")
            try expectRun(["init", "--name", "测试站", "--org", "某市公安局", "--admin", "张管理", "--passphrase-file", directory.path("admin.pass"),
                           "--station-passphrase-file", directory.path("station.pass")])
            for (name, role, file) in [("李审批", "approver", "approver"), ("赵审计", "auditor", "auditor"), ("王经办", "operator", "clerk")] {
                try expectRun(["officer", "add", "--name", name, "--role", role, "--new-passphrase-file", directory.path("\(file).pass")] + admin)
            }
            for reason in ["新设立", "补办", "新设立分公司"] {
                let attachments = reason == "新设立分公司" ? ["--attach", directory.path("营业执照.txt"), "--attach", directory.path("授权书.pdf")] : []
                try expectRun(["apply", "--unit", "北京某某科技发展有限公司", "--credit-code", "91110108MA00000070", "--template", "round-42",
                               "--reason", reason] + attachments + clerk)
            }
            try expectRun(["approve", "1", "--note", "同意"] + approver)
            try expectRun(["reject", "2", "--note", "材料不全"] + approver)
            try expectRun(["issue", "1", "--station-passphrase-file", directory.path("station.pass"),
                           "--holder-passphrase-file", directory.path("holder.pass")] + clerk)
            try expectRun(["use", "request", "--seal", "1", "--reason", "签合同", "--count", "2"] + clerk)
        }

        var admin: [String] { ["--officer", "张管理", "--passphrase-file", directory.path("admin.pass")] }
        var approver: [String] { ["--officer", "李审批", "--passphrase-file", directory.path("approver.pass")] }
        var auditor: [String] { ["--officer", "赵审计", "--passphrase-file", directory.path("auditor.pass")] }
        var clerk: [String] { ["--officer", "王经办", "--passphrase-file", directory.path("clerk.pass")] }

        @discardableResult
        func run(_ arguments: [String]) throws -> ExternalTool.Result { try SealStationCLI.run(arguments + ["--db", db]) }

        func expectRun(_ arguments: [String]) throws {
            let result = try run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }

        func jsonArray(_ arguments: [String]) throws -> [[String: Any]] {
            let result = try run(arguments + ["--json"])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: result.standardOutput) as? [[String: Any]], "\(result.stdout)")
        }
    }

    @Test("list --applications --state lists each state; a seal state for applications is a usage error naming the states")
    func applicationsByState() throws {
        let station = try Station()
        for (state, ids) in [("applied", [3]), ("approved", []), ("rejected", [2]), ("issued", [1])] {
            let rows = try station.jsonArray(["list", "--applications", "--state", state] + station.auditor)
            #expect(rows.compactMap { $0["id"] as? Int } == ids, "\(state)")
            #expect(rows.allSatisfy { $0["state"] as? String == state && $0["applicant"] as? String == "王经办" })
        }
        #expect(try station.jsonArray(["list", "--applications"] + station.auditor).count == 3)
        let table = try station.run(["list", "--applications", "--state", "applied"] + station.auditor)
        #expect(table.status == 0 && table.stdout.contains("新设立分公司") && table.stdout.contains("applicant"))
        let wrong = try station.run(["list", "--applications", "--state", "revoked"] + station.auditor)
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("applied, approved, rejected or issued"))
        let unknown = try station.run(["list", "--applications", "--state", "pending"] + station.auditor)
        #expect(unknown.status == 64)
        let sealState = try station.run(["list", "--state", "applied"] + station.auditor)
        #expect(sealState.status == 64)
        #expect(sealState.stderr.contains("--applications"))
    }

    @Test("show --application names the applicant, the attachments with SM3, the decider, the note and the times")
    func showApplication() throws {
        let station = try Station()
        let waiting = try SealStationCLI.json(try station.run(["show", "--application", "3", "--json"] + station.approver))
        #expect(waiting["applicant"] as? String == "王经办")
        #expect(waiting["decider"] == nil && waiting["createdAt"] is String)
        let attachments = try #require(waiting["attachments"] as? [[String: Any]])
        #expect(attachments.compactMap { $0["name"] as? String } == ["营业执照.txt", "授权书.pdf"])
        let sm3 = try ExternalTool.run("openssl", ["dgst", "-sm3", "-r", station.directory.path("营业执照.txt")]).stdout.prefix(64)
        #expect(attachments.first?["sm3"] as? String == String(sm3))
        #expect(attachments.first?["bytes"] as? Int == Array("营业执照 副本".utf8).count)

        let rejected = try SealStationCLI.json(try station.run(["show", "--application", "2", "--json"] + station.auditor))
        #expect(rejected["decider"] as? String == "李审批" && rejected["decisionNote"] as? String == "材料不全")
        #expect(rejected["decidedAt"] is String && rejected["state"] as? String == "rejected")
        let table = try station.run(["show", "--application", "2"] + station.auditor)
        #expect(table.stdout.contains("rejected by") && table.stdout.contains("李审批") && table.stdout.contains("材料不全"))
        let attachmentsTable = try station.run(["show", "--application", "3"] + station.auditor).stdout
        #expect(attachmentsTable.contains("授权书.pdf") && attachmentsTable.contains(String(sm3)))
    }

    @Test("use list shows pending requests by default, and by --state; the requester and approver are named")
    func useList() throws {
        let station = try Station()
        let pending = try station.jsonArray(["use", "list"] + station.auditor)
        #expect(pending.count == 1 && pending[0]["state"] as? String == "requested" && pending[0]["requester"] as? String == "王经办")
        try station.expectRun(["use", "approve", "1"] + station.approver)
        #expect(try station.jsonArray(["use", "list", "--state", "requested"] + station.auditor).isEmpty)
        let approved = try station.jsonArray(["use", "list", "--state", "approved"] + station.auditor)
        #expect(approved.count == 1 && approved[0]["approver"] as? String == "李审批" && approved[0]["used"] as? Int == 0)
        #expect(try station.jsonArray(["use", "list"] + station.auditor).count == 1)
        #expect(try station.jsonArray(["use", "list", "--state", "exhausted"] + station.auditor).isEmpty)
        #expect(try station.jsonArray(["use", "list", "--seal", "2"] + station.auditor).isEmpty)
        #expect(try station.run(["use", "list", "--state", "pending"] + station.auditor).status == 64)
    }

    @Test("list, show, query, use log, use list and officer list need a signed-in officer; every read is audited")
    func readingNeedsSignIn() throws {
        let station = try Station()
        let reads: [[String]] = [
            ["list"], ["list", "--applications"], ["show", "1"], ["show", "--application", "3"], ["query", "--credit-code", "91110108MA00000070"],
            ["use", "log"], ["use", "list"], ["officer", "list"],
        ]
        try station.directory.write("wrong.pass", text: "not the passphrase")
        for command in reads {
            let anonymous = try station.run(command)
            #expect(anonymous.status == 64, "\(command)")
            #expect(anonymous.stderr.contains("--officer"), "\(command)")
            let wrong = try station.run(command + ["--officer", "赵审计", "--passphrase-file", station.directory.path("wrong.pass")])
            #expect(wrong.status == 1, "\(command)")
            #expect(wrong.stderr.contains("wrong passphrase") || wrong.stderr.contains("attempts left"), "\(command): \(wrong.stderr)")
            try station.expectRun(["officer", "unlock", "--name", "赵审计"] + station.admin)
        }
        let unknown = try station.run(["list", "--officer", "某人", "--passphrase-file", station.directory.path("wrong.pass")])
        #expect(unknown.status == 1 && unknown.stderr.contains("某人"))
        // Every role may read: administrator, approver, auditor, operator.
        for officer in [station.admin, station.approver, station.auditor, station.clerk] {
            try station.expectRun(["show", "--application", "3"] + officer)
        }
        let audit = try station.jsonArray(["audit", "show"] + station.auditor)
        let reads3 = audit.filter { $0["action"] as? String == "registry.read" && $0["object"] as? String == "application:3" }
        #expect(Set(reads3.compactMap { $0["officer"] as? String }) == ["张管理", "李审批", "赵审计", "王经办"])
        try station.expectRun(["query", "--credit-code", "91110108MA00000070", "--state", "issued"] + station.clerk)
        #expect(try station.jsonArray(["audit", "show"] + station.auditor).contains {
            $0["action"] as? String == "registry.read" && $0["officer"] as? String == "王经办"
                && $0["object"] as? String == "seals?creditCode=91110108MA00000070&state=issued"
        })
        let verified = try station.run(["audit", "verify"] + station.auditor)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }

    @Test("restore from the share QR PNGs alone (any 2 of 3) gives the same registry; a PNG without a share is refused by name")
    func restoreFromPNGShares() throws {
        let station = try Station()
        let directory = station.directory
        try station.expectRun(["backup", directory.path("station.backup"), "--station-passphrase-file", directory.path("station.pass"),
                               "--shares", "2-of-3", "--share-dir", directory.path("shares")] + station.admin)
        // Only the PNGs travel: the text shares are removed first.
        for index in 1...3 { try FileManager.default.removeItem(atPath: directory.path("shares/share-\(index).txt")) }
        let restored = try SealStationCLI.run([
            "restore", directory.path("station.backup"), "--to", directory.path("restored"),
            "--share", directory.path("shares/share-3.png"), "--share", directory.path("shares/share-1.png"),
        ])
        #expect(restored.status == 0, "\(restored.stderr)")
        let original = try ExternalTool.run("sqlite3", [station.db, ".dump"]).stdout
        let copy = try ExternalTool.run("sqlite3", [directory.path("restored/registry.sqlite"), ".dump"]).stdout
        #expect(!original.isEmpty && original == copy)

        // A PNG with no QR code in it (a seal image), a truncated share PNG and a text file that is no share: refused,
        // naming the file.
        let rendered = try SealStationCLI.run(["render", "--template", "round-42", "--name", "北京某某科技发展有限公司", "--out", directory.path("seal")])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        try directory.write("cut.png", Array(try directory.read("shares/share-2.png").prefix(200)))
        try directory.write("note.txt", text: "not a share")
        for bad in ["seal.png", "cut.png", "note.txt"] {
            let refused = try SealStationCLI.run([
                "restore", directory.path("station.backup"), "--verify-only", "--share", directory.path("shares/share-2.png"),
                "--share", directory.path(bad),
            ])
            #expect(refused.status == 1, "\(bad)")
            #expect(refused.stderr.contains(bad), "\(refused.stderr)")
            #expect(!refused.stderr.contains(".swift"), "\(refused.stderr)")
        }
    }
}
