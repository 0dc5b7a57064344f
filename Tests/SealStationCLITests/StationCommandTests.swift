import Foundation
import SealTestSupport
import Testing

@Suite("sealstation station commands")
struct StationCommandTests {
    /// A station with an administrator, an approver and an operator; passphrase files beside the registry.
    func station() throws -> (TemporaryDirectory, (String...) throws -> ExternalTool.Result) {
        let directory = try TemporaryDirectory()
        for name in ["admin", "station", "approver", "clerk", "holder"] {
            try directory.write("\(name).pass", text: "\(name) passphrase 2026\n")
        }
        let db = directory.path("station/registry.sqlite")
        let run: (String...) throws -> ExternalTool.Result = { arguments in
            try SealStationCLI.run(arguments + ["--db", db])
        }
        #expect(try run("init", "--name", "测试站", "--org", "某市公安局", "--admin", "张管理", "--passphrase-file", directory.path("admin.pass"),
                        "--station-passphrase-file", directory.path("station.pass")).status == 0)
        #expect(try run("officer", "add", "--officer", "张管理", "--passphrase-file", directory.path("admin.pass"), "--name", "李审批",
                        "--role", "approver", "--new-passphrase-file", directory.path("approver.pass")).status == 0)
        #expect(try run("officer", "add", "--officer", "张管理", "--passphrase-file", directory.path("admin.pass"), "--name", "王经办",
                        "--role", "operator", "--new-passphrase-file", directory.path("clerk.pass")).status == 0)
        return (directory, run)
    }

    @Test("apply → approve → issue → use request → use approve → use sign; the count is enforced; queries find the seal")
    func flow() throws {
        let (directory, run) = try station()
        let clerk = ["--officer", "王经办", "--passphrase-file", directory.path("clerk.pass")]
        let approver = ["--officer", "李审批", "--passphrase-file", directory.path("approver.pass")]
        func call(_ arguments: [String]) throws -> ExternalTool.Result { try SealStationCLI.run(arguments + ["--db", directory.path("station/registry.sqlite")]) }
        let applied = try call(["apply", "--unit", "北京某某科技发展有限公司", "--credit-code", "91110108MA00000070", "--template", "round-42",
                                "--reason", "新设立", "--json"] + clerk)
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(try SealStationCLI.json(applied)["id"] as? Int == 1)
        #expect(try call(["approve", "1"] + approver).status == 0)
        let issued = try call(["issue", "1", "--station-passphrase-file", directory.path("station.pass"), "--holder-passphrase-file",
                               directory.path("holder.pass"), "--json"] + clerk)
        #expect(issued.status == 0, "\(issued.stderr)")
        #expect(try SealStationCLI.json(issued)["state"] as? String == "issued")
        try directory.write("doc.txt", text: "合同")
        let unapproved = try call(["use", "sign", "--seal", "1", directory.path("doc.txt"), "--out", directory.path("a.ses"),
                                   "--holder-passphrase-file", directory.path("holder.pass")] + clerk)
        #expect(unapproved.status == 1)
        #expect(unapproved.stderr.contains("no approved use request"))
        #expect(try call(["use", "request", "--seal", "1", "--reason", "签合同", "--count", "1"] + clerk).status == 0)
        #expect(try call(["use", "approve", "1"] + approver).status == 0)
        let signed = try call(["use", "sign", "--seal", "1", directory.path("doc.txt"), "--out", directory.path("a.ses"),
                               "--holder-passphrase-file", directory.path("holder.pass")] + clerk)
        #expect(signed.status == 0, "\(signed.stderr)")
        let again = try call(["use", "sign", "--seal", "1", directory.path("doc.txt"), "--out", directory.path("b.ses"),
                              "--holder-passphrase-file", directory.path("holder.pass")] + clerk)
        #expect(again.status == 1)
        #expect(!FileManager.default.fileExists(atPath: directory.path("b.ses")))
        let verified = try SealStationCLI.run(["verify", "--signature", directory.path("a.ses"), directory.path("doc.txt"), "--ca", directory.path("station/ca")])
        #expect(verified.status == 0, "\(verified.stdout)")
        let log = try call(["use", "log", "--json"] + approver)
        let entries = try #require(try JSONSerialization.jsonObject(with: log.standardOutput) as? [[String: Any]])
        #expect(entries.count == 1 && entries[0]["approver"] as? String == "李审批" && entries[0]["reason"] as? String == "签合同")
        let query = try call(["query", "--credit-code", "91110108MA00000070", "--json"] + clerk)
        #expect((try JSONSerialization.jsonObject(with: query.standardOutput) as? [[String: Any]])?.count == 1)
        #expect(try run("show", "1", "--officer", "张管理", "--passphrase-file", directory.path("admin.pass")).stdout.contains("11010800000001"))
    }

    @Test("refusals exit 1 with clear messages: wrong officer role, invalid credit code, init twice, self-approval")
    func refusals() throws {
        let (directory, run) = try station()
        let clerk = ["--officer", "王经办", "--passphrase-file", directory.path("clerk.pass")]
        func call(_ arguments: [String]) throws -> ExternalTool.Result { try SealStationCLI.run(arguments + ["--db", directory.path("station/registry.sqlite")]) }
        let badCode = try call(["apply", "--unit", "某公司", "--credit-code", "91110108MA00000071", "--template", "round-42", "--reason", "x"] + clerk)
        #expect(badCode.status == 1)
        #expect(badCode.stderr.contains("check character"))
        let wrongRole = try call(["approve", "1"] + clerk)
        #expect(wrongRole.status == 1)
        #expect(wrongRole.stderr.contains("王经办"))
        let twice = try run("init", "--name", "x", "--org", "y", "--admin", "z", "--passphrase-file", directory.path("admin.pass"),
                            "--station-passphrase-file", directory.path("station.pass"))
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("already exists"))
        try directory.write("wrong.pass", text: "not it")
        let wrong = try call(["apply", "--unit", "某公司", "--credit-code", "91110108MA00000070", "--template", "round-42", "--reason", "x",
                              "--officer", "王经办", "--passphrase-file", directory.path("wrong.pass")])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("4 attempts left"))
        let missing = try SealStationCLI.run(["list", "--db", directory.path("nowhere/registry.sqlite")] + clerk)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no station at"))
    }
}
