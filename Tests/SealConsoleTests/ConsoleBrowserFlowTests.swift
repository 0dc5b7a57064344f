import Foundation
import SealRegistry
import SealStation
import SealTestSupport
import Testing

/// The console in a real browser: Debian's Chromium, headless, driven through chromedriver by PyPI selenium
/// (`Scripts/console-flow.py`, run with the venv's python), one browser session per officer, against the console served
/// over TCP on a free loopback port. Screenshots of every page visited are kept in `$SEALSTATION_TEST_ARTIFACTS/console/`,
/// else `<package>/.build/test-artifacts/console/`. Scripts/setup installs Chromium, chromedriver and selenium; when
/// one is missing the test fails saying so.
@Suite("The console in a real browser", .serialized)
struct ConsoleBrowserFlowTests {
    static let chromium = "/usr/bin/chromium"
    static let chromedriver = "/usr/bin/chromedriver"
    static let script = TestArtifacts.packageRoot.appendingPathComponent("Tests/SealConsoleTests/Scripts/console-flow.py").path
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    @Test("four officers in four Chromium sessions: sign-in, 申请 with its preview, 审批, 制作, 用印 and its approval, 签章 and its download, 验章, 备案 export and download, 审计 verify, sign-out; five wrong passphrases lock, shown on the page")
    func signInWorkbenchSignOutLockout() async throws {
        for tool in [Self.chromium, Self.chromedriver] {
            try #require(FileManager.default.isExecutableFile(atPath: tool), "\(tool) is not installed: run Scripts/setup (Debian chromium and chromium-driver)")
        }
        try #require(FileManager.default.isExecutableFile(atPath: PythonTools.python), "\(PythonTools.python) is missing: run Scripts/setup (the venv with selenium)")

        let fixture = try BrowserStation()
        let artifacts = try TestArtifacts.fresh("console")
        let console = try await LiveConsole.start(station: fixture.station)
        let run: ExternalTool.Result
        do {
            run = try await Self.python([Self.script, console.baseURL, artifacts.path], input: try fixture.scriptInput())
        } catch {
            await console.stop()
            throw error
        }
        await console.stop()

        try #require(run.succeeded, "console-flow.py exited with \(run.status): \(run.stderr.suffix(4000))")
        let report = try JSONDecoder().decode(BrowserFlowReport.self, from: run.standardOutput)
        #expect(report.error == nil, "\(report.error ?? "")")
        for step in report.steps {
            #expect(step.passed, "\(step.name) in the \(step.officer)'s browser: \(step.detail)")
        }
        let expected = ["administrator", "operator", "approver", "auditor"].flatMap { key in
            ["sign-in", "workbench", "sign-out"].map { "\($0)/\(key)" }
        } + ["apply/operator", "approve/approver", "issue/operator", "request-use/operator", "approve-use/approver", "stamp/operator",
             "verify/auditor", "export/operator", "audit/auditor", "lockout/operator"]
        #expect(Set(report.steps.map { "\($0.name)/\($0.officer)" }) == Set(expected), "every step ran: \(report.steps.map(\.name))")
        #expect(report.passed, "\(run.stderr.suffix(4000))")

        // A screenshot of every page: each officer's sign-in page, workbench and signed-out page, four wrong
        // passphrases, the lock and the refused right passphrase; each a PNG in the artifacts directory.
        #expect(report.screenshots.count >= 4 * 3 + 6 + 18)
        for step in report.steps where step.passed {
            #expect(!step.screenshots.isEmpty, "\(step.name) (\(step.officer)) saved no screenshot")
        }
        for path in report.screenshots {
            #expect(URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path == artifacts.standardizedFileURL.path, "\(path) is not in \(artifacts.path)")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(bytes.count > 1000 && Array(bytes.prefix(8)) == Self.pngSignature, "\(path) is not a PNG")
        }

        // The registry agrees with what the pages said: one seal issued, its one use consumed by the stamp, one export.
        let seals = try fixture.station.seals(.init(limit: 10))
        #expect(seals.count == 1 && seals.first?.state == .issued && seals.first?.unitName == BrowserStation.unit.name)
        let uses = try fixture.station.useLog(sealID: seals.first?.id)
        #expect(uses.count == 1 && uses.first?.documentName == "采购合同.ofd")
        #expect(try fixture.station.exports().count == 1)
        let downloads = artifacts.appendingPathComponent("downloads/operator")
        let stamped = try FileManager.default.contentsOfDirectory(atPath: downloads.path).filter { $0.hasSuffix(".ofd") }
        #expect(stamped.count == 1, "\(stamped)")

        // The registry agrees with what the pages said.
        let locked = try #require(try fixture.officer(fixture.locked.name, .operatorRole))
        #expect(locked.locked && locked.failedAttempts == 5)
        for officer in fixture.officers.values {
            let record = try #require(try fixture.officer(officer.name, OfficerRole(rawValue: officer.role)!))
            #expect(!record.locked && record.failedAttempts == 0, "\(officer.name)")
        }
    }

    /// Runs the venv's python off the Swift concurrency threads (the console serves requests on them meanwhile).
    static func python(_ arguments: [String], input: Data) async throws -> ExternalTool.Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try ExternalTool.run(PythonTools.python, arguments, input: input) })
            }
        }
    }
}
