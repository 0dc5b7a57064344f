import Foundation
import SealTestSupport
import Testing

/// A station made through the command line (`init`, four officers, `apply`, `approve`, `issue`) with one issued
/// round-42 seal (id 1) and one approved use of it; the passphrase files (`admin.pass`, `station.pass`,
/// `approver.pass`, `clerk.pass`, `auditor.pass`, `holder.pass`) in the directory.
struct CLIStationWithSeal {
    let directory: TemporaryDirectory
    /// Runs `sealstation` with `--db` of this station appended.
    let call: ([String]) throws -> ExternalTool.Result
    let esID: String
    /// `--officer 王经办 --passphrase-file …` (经办人).
    let clerk: [String]
    /// `--officer 李审批 --passphrase-file …` (审批人).
    let approver: [String]

    init(uses: Int = 1) throws {
        let directory = try TemporaryDirectory()
        for name in ["admin", "station", "approver", "clerk", "auditor", "holder"] {
            try directory.write("\(name).pass", text: "\(name) passphrase 2026\n")
        }
        let db = directory.path("station/registry.sqlite")
        let call: ([String]) throws -> ExternalTool.Result = { try SealStationCLI.run($0 + ["--db", db]) }
        let admin = ["--officer", "张管理", "--passphrase-file", directory.path("admin.pass")]
        #expect(try call(["init", "--name", "测试站", "--org", "某市公安局", "--admin", "张管理", "--passphrase-file", directory.path("admin.pass"),
                          "--station-passphrase-file", directory.path("station.pass")]).status == 0)
        for (name, role, file) in [("李审批", "approver", "approver"), ("王经办", "operator", "clerk"), ("赵审计", "auditor", "auditor")] {
            let added = try call(["officer", "add", "--name", name, "--role", role, "--new-passphrase-file", directory.path("\(file).pass")] + admin)
            #expect(added.status == 0, "\(added.stderr)")
        }
        let clerk = ["--officer", "王经办", "--passphrase-file", directory.path("clerk.pass")]
        let approver = ["--officer", "李审批", "--passphrase-file", directory.path("approver.pass")]
        #expect(try call(["apply", "--unit", "北京某某科技发展有限公司", "--credit-code", "91110108MA00000070", "--template", "round-42",
                          "--reason", "新设立"] + clerk).status == 0)
        #expect(try call(["approve", "1"] + approver).status == 0)
        let issued = try call(["issue", "1", "--station-passphrase-file", directory.path("station.pass"), "--holder-passphrase-file",
                               directory.path("holder.pass"), "--json"] + clerk)
        #expect(issued.status == 0, "\(issued.stderr)")
        esID = try #require(try SealStationCLI.json(issued)["esID"] as? String)
        #expect(try call(["use", "request", "--seal", "1", "--reason", "签合同", "--count", "\(uses)"] + clerk).status == 0)
        #expect(try call(["use", "approve", "1"] + approver).status == 0)
        self.directory = directory
        self.call = call
        self.clerk = clerk
        self.approver = approver
    }
}
