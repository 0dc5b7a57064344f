import Foundation
import SealResources
import SealTestSupport
import Testing

/// The program as a user runs it: from any directory, with no SEALSTATION_* variables, finding the data shipped with
/// it the one documented way; and a station that refuses seal templates other than those it pinned.
@Suite("sealstation outside the checkout: shipped data, pinned templates")
struct InstalledDataTests {
    /// Runs the binary with a clean environment (no SEALSTATION_*), in `directory`.
    func runClean(_ arguments: [String], in directory: URL, extra: [String] = []) throws -> ExternalTool.Result {
        try ExternalTool.run("env", [
            "-i", "PATH=/usr/bin:/bin", "HOME=\(directory.path)", "LANG=C.UTF-8",
        ] + extra + ["setsid", "-w", SealStationCLI.binary.path] + arguments, currentDirectory: directory)
    }

    /// A `Templates/` planted where the command runs, changing a template's geometry and the vendor profiles.
    func plant(in directory: TemporaryDirectory) throws {
        let shipped = try DataResolver.current.templates()
        try FileManager.default.createDirectory(atPath: directory.path("Templates/pkcs11"), withIntermediateDirectories: true)
        var round = String(decoding: try Array(Data(contentsOf: shipped.appendingPathComponent("round-42.yaml"))), as: UTF8.self)
        round = round.replacingOccurrences(of: "title: ", with: "title: PLANTED ")
        try directory.write("Templates/round-42.yaml", text: round)
        try directory.write("Templates/planted-99.yaml", text: round.replacingOccurrences(of: "id: round-42", with: "id: planted-99"))
        try directory.write("Templates/pkcs11/vendors.yaml", text: "profiles: [ { id: planted } ]\n")
    }

    @Test("demo, render --list and token show work from an empty directory; a planted Templates/ there changes nothing")
    func emptyDirectory() throws {
        let directory = try TemporaryDirectory()
        let work = directory.url.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let reference = try SealStationCLI.run(["render", "--list", "--json"])
        #expect(reference.status == 0, "\(reference.stderr)")

        let listed = try runClean(["render", "--list", "--json"], in: work)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout == reference.stdout)

        let demo = try runClean(["demo", "--dir", directory.path("station"), "--json"], in: work)
        #expect(demo.status == 0, "\(demo.stderr)")
        let shown = try runClean(
            ["token", "show", "demo-holder", "--json"], in: work, extra: ["SOFTHSM2_CONF=\(directory.path("station/softhsm/softhsm2.conf"))"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(try SealStationCLI.json(shown)["vendorProfile"] as? String == "softhsm2")

        // Planted data where the command runs: ignored.
        try plant(in: directory)
        let plantedDirectory = directory.url
        let again = try runClean(["render", "--list", "--json"], in: plantedDirectory)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == reference.stdout)
        #expect(!again.stdout.contains("PLANTED") && !again.stdout.contains("planted-99"))
        let tokenAgain = try runClean(
            ["token", "show", "demo-holder", "--json"], in: plantedDirectory,
            extra: ["SOFTHSM2_CONF=\(directory.path("station/softhsm/softhsm2.conf"))"])
        #expect(tokenAgain.status == 0, "\(tokenAgain.stderr)")
        #expect(try SealStationCLI.json(tokenAgain)["vendorProfile"] as? String == "softhsm2")
        let pins = try runClean(["templates", "show", "--db", directory.path("station/registry.sqlite"), "--json"], in: plantedDirectory)
        #expect(pins.status == 0, "\(pins.stdout)\(pins.stderr)")
        #expect(!pins.stdout.contains(plantedDirectory.appendingPathComponent("Templates").path))
        let demo2 = try runClean(["demo", "--dir", directory.path("station-2"), "--json"], in: plantedDirectory)
        #expect(demo2.status == 0, "\(demo2.stderr)")
    }

    @Test("a flag or variable naming missing data is an error naming it; the flag wins over the variable")
    func namedData() throws {
        let directory = try TemporaryDirectory()
        let missing = try runClean(["render", "--list"], in: directory.url, extra: ["SEALSTATION_TEMPLATES=\(directory.path("nowhere"))"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("SEALSTATION_TEMPLATES") && missing.stderr.contains(directory.path("nowhere")), "\(missing.stderr)")
        try plant(in: directory)
        let byVariable = try runClean(["render", "--list", "--json"], in: directory.url, extra: ["SEALSTATION_TEMPLATES=\(directory.path("Templates"))"])
        #expect(byVariable.status == 0 && byVariable.stdout.contains("planted-99"), "\(byVariable.stderr)")
        let byFlag = try runClean(
            ["render", "--list", "--json", "--templates", try DataResolver.current.templates().path], in: directory.url,
            extra: ["SEALSTATION_TEMPLATES=\(directory.path("Templates"))"])
        #expect(byFlag.status == 0 && !byFlag.stdout.contains("planted-99"), "\(byFlag.stderr)")
        let profiles = try runClean(
            ["templates", "show", "--db", directory.path("no.sqlite"), "--vendor-profiles", directory.path("none.yaml")], in: directory.url)
        #expect(profiles.status == 1)
        #expect(profiles.stderr.contains("--vendor-profiles") && profiles.stderr.contains(directory.path("none.yaml")), "\(profiles.stderr)")
    }

    @Test("issue with an edited template is refused naming the file; templates pin accepts it; both are in audit show")
    func pinnedTemplates() throws {
        let directory = try TemporaryDirectory()
        for name in ["admin", "station", "approver", "clerk", "holder", "auditor"] {
            try directory.write("\(name).pass", text: "\(name) passphrase 2026\n")
        }
        // The station draws with its own copy of the templates (as an administrator would point it at a set).
        try FileManager.default.copyItem(at: try DataResolver.current.templates(), to: directory.url.appendingPathComponent("templates"))
        let templates = directory.path("templates")
        let db = directory.path("station/registry.sqlite")
        func run(_ arguments: [String]) throws -> ExternalTool.Result {
            try SealStationCLI.run(arguments + ["--db", db, "--templates", templates])
        }
        let admin = ["--officer", "张管理", "--passphrase-file", directory.path("admin.pass")]
        let clerk = ["--officer", "王经办", "--passphrase-file", directory.path("clerk.pass")]
        let approver = ["--officer", "李审批", "--passphrase-file", directory.path("approver.pass")]
        #expect(try run(["init", "--name", "测试站", "--org", "某市公安局", "--admin", "张管理", "--passphrase-file", directory.path("admin.pass"),
                         "--station-passphrase-file", directory.path("station.pass")]).status == 0)
        for (name, role, file) in [("李审批", "approver", "approver"), ("王经办", "operator", "clerk"), ("赵审计", "auditor", "auditor")] {
            #expect(try run(["officer", "add", "--name", name, "--role", role, "--new-passphrase-file", directory.path("\(file).pass")] + admin).status == 0)
        }
        let shown = try run(["templates", "show", "--json"])
        #expect(shown.status == 0, "\(shown.stdout)\(shown.stderr)")
        #expect(shown.stdout.contains("template:round-42") && shown.stdout.contains("vendor-profiles"))
        #expect(try run(["apply", "--unit", "北京某某科技发展有限公司", "--credit-code", "91110108MA00000070", "--template", "round-42",
                         "--reason", "新设立"] + clerk).status == 0)
        #expect(try run(["approve", "1"] + approver).status == 0)

        // The template's geometry is edited after approval.
        let file = "\(templates)/round-42.yaml"
        let original = try String(contentsOfFile: file, encoding: .utf8)
        try original.replacingOccurrences(of: "title: ", with: "title: 改 ").write(toFile: file, atomically: true, encoding: .utf8)
        let issue = ["issue", "1", "--station-passphrase-file", directory.path("station.pass"), "--holder-passphrase-file", directory.path("holder.pass")]
        let refused = try run(issue + clerk)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains(file) && refused.stderr.contains("templates pin"), "\(refused.stderr)")
        let changed = try run(["templates", "show"])
        #expect(changed.status == 2)
        #expect(changed.stdout.contains("changed"))
        let none = try JSONSerialization.jsonObject(with: try run(["list", "--json"] + clerk).standardOutput) as? [Any]
        #expect(none?.isEmpty == true)

        // An operator may not accept it; the administrator does.
        #expect(try run(["templates", "pin"] + clerk).status == 1)
        let pinned = try run(["templates", "pin", "--json"] + admin)
        #expect(pinned.status == 0, "\(pinned.stderr)")
        #expect(pinned.stdout.contains("template:round-42") && pinned.stdout.contains("\"changed\""))
        #expect(try run(["templates", "pin"] + admin).status == 1)  // nothing left to accept
        let issued = try run(issue + clerk)
        #expect(issued.status == 0, "\(issued.stderr)")

        let audit = try run(["audit", "show", "--json", "--officer", "赵审计", "--passphrase-file", directory.path("auditor.pass")])
        #expect(audit.status == 0, "\(audit.stderr)")
        let records = try #require(try JSONSerialization.jsonObject(with: audit.standardOutput) as? [[String: Any]])
        let actions = records.map { "\($0["action"]!) \($0["object"]!)" }
        #expect(actions.first { $0.hasPrefix("data.pin") } != nil)
        let refusal = try #require(records.first { $0["action"] as? String == "data.refuse" })
        #expect(refusal["object"] as? String == "template:round-42" && (refusal["details"] as? String ?? "").contains("round-42.yaml"))
        let accepted = try #require(records.last { $0["action"] as? String == "data.pin" })
        #expect(accepted["officer"] as? String == "张管理" && (accepted["details"] as? String ?? "").contains("changed template:round-42"))
        #expect(actions.firstIndex { $0.hasPrefix("data.refuse") }! < actions.lastIndex { $0.hasPrefix("data.pin") }!)
        #expect(actions.last { $0.hasPrefix("seal.issue") } != nil)
        let verified = try run(["audit", "verify", "--json", "--officer", "赵审计", "--passphrase-file", directory.path("auditor.pass")])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }
}
