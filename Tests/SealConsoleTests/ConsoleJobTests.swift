import Foundation
import Hummingbird
import HummingbirdTesting
import SealBundle
import SealConsole
import SealPKI
import SealRegistry
import SealStation
import SealTestSupport
import Testing

/// 备案 export and 备份 run as jobs: the page shows progress while they work, then their files; 审计 verifies the log.
@Suite("The console's long jobs and audit page")
struct ConsoleJobTests {
    /// Follows a job's page until it stops refreshing itself (at most a minute).
    static func finish(_ browser: inout ConsoleBrowser, _ path: String) async throws -> ConsoleBrowser.Page {
        for _ in 0..<600 {
            let page = try await browser.get(path)
            if !page.body.contains(#"http-equiv="refresh""#) { return page }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the job at \(path) did not finish within a minute")
        return try await browser.get(path)
    }

    /// The download links of a finished job page.
    static func links(_ page: ConsoleBrowser.Page) -> [String] {
        page.body.components(separatedBy: #"<a href=""#).dropFirst().map { String($0.prefix { $0 != "\"" }) }.filter { $0.hasPrefix("/jobs/") }
    }

    @Test("备案: the export is written, verified again, and its bundle, sheet and QR manifest are downloaded")
    func export() async throws {
        let fixture = try await ConsoleFixture()
        _ = try fixture.issuedSeal()
        try await fixture.console.application().test(.router) { client in
            var clerk = ConsoleBrowser(client)
            _ = try await clerk.signIn("经办人丁", "clerk passphrase")
            let form = try await clerk.get("/filing")
            #expect(form.body.contains("尚未导出备案包。"))
            let started = try await clerk.post("/filing/export", [("csrf", form.csrf!), ("stationPassphrase", "station passphrase"), ("confirm", "clerk passphrase")])
            #expect(started.status == .seeOther)
            let jobPath = try #require(started.location)
            let done = try await Self.finish(&clerk, jobPath)
            #expect(done.body.contains("已完成") && done.body.contains("1 枚印章") && done.body.contains("均通过"))
            let links = Self.links(done)
            #expect(links.count == 5)
            let bundle = try await clerk.download(links[0])
            #expect(bundle.status == .ok && bundle.bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
            #expect(bundle.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            let written = try TemporaryDirectory()
            let file = written.url.appendingPathComponent("bundle.zip")
            try Data(bundle.bytes).write(to: file)
            let outcome = BundleVerifier(anchor: fixture.station.ca.certificate).verify(file)
            #expect(outcome.report.isValid, "\(outcome.report.firstFailure ?? "")")
            let sheet = try await clerk.download(links[1])
            #expect(sheet.bytes.starts(with: Array("%PDF".utf8)))
            let qr = try await clerk.download(links[2])
            #expect(qr.bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            #expect(try fixture.station.exports().count == 1)
            #expect(try await clerk.get("/filing").body.contains(try fixture.station.exports()[0].sm3))

            // Another officer cannot see the job.
            var approver = ConsoleBrowser(client)
            _ = try await approver.signIn("审批人乙", "approver passphrase")
            #expect(try await approver.get(jobPath).status == .notFound)
        }
    }

    @Test("备份 by the administrator: the backup file is written and verifies; a wrong station passphrase fails the job, writing nothing")
    func backup() async throws {
        let fixture = try await ConsoleFixture()
        try await fixture.console.application().test(.router) { client in
            var admin = ConsoleBrowser(client)
            _ = try await admin.signIn("管理员甲", "admin passphrase")
            let form = try await admin.get("/backup")
            let failed = try await admin.post("/backup", [
                ("csrf", form.csrf!), ("keySource", "passphrase"), ("backupPassphrase", "backup passphrase 1"),
                ("backupPassphraseAgain", "backup passphrase 1"), ("stationPassphrase", "wrong station passphrase"), ("confirm", "admin passphrase"),
            ])
            let failedPage = try await Self.finish(&admin, try #require(failed.location))
            #expect(failedPage.body.contains(#"class="error""#) && !failedPage.body.contains("已完成。"))
            let backups = fixture.station.directory.appendingPathComponent("backups").path
            #expect(try FileManager.default.contentsOfDirectory(atPath: backups).isEmpty)
            let started = try await admin.post("/backup", [
                ("csrf", form.csrf!), ("keySource", "passphrase"), ("backupPassphrase", "backup passphrase 1"),
                ("backupPassphraseAgain", "backup passphrase 1"), ("stationPassphrase", "station passphrase"), ("confirm", "admin passphrase"),
            ])
            let done = try await Self.finish(&admin, try #require(started.location))
            #expect(done.body.contains("已完成") && done.body.contains("AES-256-GCM"))
            let links = Self.links(done)
            #expect(links.count == 1)
            let file = try await admin.download(links[0])
            let contents = try StationBackup.restore(
                file.bytes, unlock: .passphrase(ConsoleFixture.secret("backup passphrase 1")), into: fixture.directory.url.appendingPathComponent("restored"),
                anchor: fixture.station.ca.certificate, verifyOnly: true)
            #expect(contents.files > 0)
        }
    }

    @Test("审计: the auditor sees the log and verifies it; a changed record is named")
    func audit() async throws {
        let fixture = try await ConsoleFixture()
        _ = try fixture.apply()
        try await fixture.console.application().test(.router) { client in
            var auditor = ConsoleBrowser(client)
            _ = try await auditor.signIn("审计员丙", "auditor passphrase")
            let page = try await auditor.get("/audit")
            #expect(page.status == .ok && page.body.contains("审计记录（共"))
            let verified = try await auditor.post("/audit/verify", [("csrf", page.csrf!)])
            #expect(verified.status == .ok && verified.body.contains("审计日志完整"))
            #expect(try ExternalTool.run("sqlite3", [fixture.station.database.path, "DROP TRIGGER audit_no_update; UPDATE audit SET details = 'edited' WHERE seq = 2;"]).succeeded)
            let broken = try await auditor.post("/audit/verify", [("csrf", page.csrf!)])
            #expect(broken.status == .conflict && broken.body.contains("审计日志已被改动"))
        }
    }
}
