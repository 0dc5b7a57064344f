import Foundation
import SealTestSupport
import Testing

@Suite("sealstation backup, restore and audit")
struct BackupCommandTests {
    @Test("the demo station backs up into 2-of-3 shares (text and QR), any 2 restore, and the audit verifies")
    func sharesAndQR() throws {
        let directory = try TemporaryDirectory()
        let station = directory.path("station")
        #expect(try SealStationCLI.run(["demo", "--dir", station]).status == 0)
        let db = "\(station)/registry.sqlite", pass = "\(station)/demo-passphrases"
        let backup = try SealStationCLI.run([
            "backup", directory.path("station.backup"), "--db", db, "--officer", "张管理", "--passphrase-file", "\(pass)/administrator.txt",
            "--station-passphrase-file", "\(pass)/station.txt", "--shares", "2-of-3", "--share-dir", directory.path("shares"), "--json",
        ])
        #expect(backup.status == 0, "\(backup.stderr)")
        // The QR PNG decodes (zbar, binary mode) to the share's text.
        let decoded = try ExternalTool.run("zbarimg", ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", "-Sbinary", directory.path("shares/share-2.png")])
        #expect(decoded.succeeded, "\(decoded.stderr)")
        let text = try String(decoding: directory.read("shares/share-2.txt"), as: UTF8.self).trimmingCharacters(in: .newlines)
        #expect(decoded.stdout.trimmingCharacters(in: .newlines) == text)
        // A second backup into the directory that holds these shares: refused before anything is written or recorded.
        let auditor = ["--db", db, "--officer", "赵审计", "--passphrase-file", "\(pass)/auditor.txt"]
        let auditBefore = try SealStationCLI.run(["audit", "show", "--json"] + auditor)
        let sharesBefore = try FileManager.default.contentsOfDirectory(atPath: directory.path("shares")).sorted()
        let again = try SealStationCLI.run([
            "backup", directory.path("again.backup"), "--db", db, "--officer", "张管理", "--passphrase-file", "\(pass)/administrator.txt",
            "--station-passphrase-file", "\(pass)/station.txt", "--shares", "2-of-3", "--share-dir", directory.path("shares"),
        ])
        #expect(again.status == 1, "\(again.stdout)\(again.stderr)")
        #expect(again.stderr.contains("share-1.txt exists already"), "\(again.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("again.backup")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path("shares")).sorted() == sharesBefore)
        #expect(try SealStationCLI.run(["audit", "show", "--json"] + auditor).stdout == auditBefore.stdout)
        let one = try SealStationCLI.run(["restore", directory.path("station.backup"), "--verify-only", "--share", directory.path("shares/share-1.txt")])
        #expect(one.status == 1)
        #expect(one.stderr.contains("needs 2"))
        let restored = try SealStationCLI.run([
            "restore", directory.path("station.backup"), "--to", directory.path("restored"),
            "--share", directory.path("shares/share-3.txt"), "--share", directory.path("shares/share-1.txt"),
        ])
        #expect(restored.status == 0, "\(restored.stderr)")
        let audit = try SealStationCLI.run([
            "audit", "verify", "--db", directory.path("restored/registry.sqlite"), "--officer", "赵审计", "--passphrase-file", "\(pass)/auditor.txt",
        ])
        #expect(audit.status == 0, "\(audit.stdout)\(audit.stderr)")
        #expect(audit.stdout.hasPrefix("OK:"))
        #expect(try ExternalTool.run("sqlite3", [db, ".dump"]).stdout == ExternalTool.run("sqlite3", [directory.path("restored/registry.sqlite"), ".dump"]).stdout)
    }

    @Test("audit verify exits 2 naming an edited record")
    func tamperedAudit() throws {
        let directory = try TemporaryDirectory()
        let station = directory.path("station")
        #expect(try SealStationCLI.run(["demo", "--dir", station]).status == 0)
        let db = "\(station)/registry.sqlite"
        #expect(try ExternalTool.run("sqlite3", [db, "DROP TRIGGER audit_no_update; UPDATE audit SET officer = '某人' WHERE seq = 6;"]).succeeded)
        let audit = try SealStationCLI.run([
            "audit", "verify", "--db", db, "--officer", "赵审计", "--passphrase-file", "\(station)/demo-passphrases/auditor.txt",
        ])
        #expect(audit.status == 2)
        #expect(audit.stdout.contains("record 6 was edited"))
    }
}
