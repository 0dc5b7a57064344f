import Foundation
import SealCrypto
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

        // The header's threshold (2, of 3 shares) made -1, 0 or 4 > N: refused naming it (it trapped at -1), nothing written.
        let original = try directory.read("station.backup")
        let pattern: [UInt8] = [0x02, 0x01, 0x02, 0x02, 0x01, 0x03, 0x04, 0x08]
        let at = try #require(original.indices.first { original[$0...].starts(with: pattern) })
        for (byte, shown) in [(UInt8(0xFF), "-1"), (0x00, "0"), (0x01, "1")] {
            var hostile = original
            hostile[at + 2] = byte
            try directory.write("hostile-\(shown).backup", hostile)
            let refused = try SealStationCLI.run([
                "restore", directory.path("hostile-\(shown).backup"), "--to", directory.path("never"),
                "--share", directory.path("shares/share-1.txt"), "--share", directory.path("shares/share-2.txt"),
            ])
            #expect(refused.status == 1, "\(refused.status) \(refused.stderr)")
            #expect(refused.stderr.contains("the backup is damaged: its share threshold \(shown) is out of range (2…255)"), "\(refused.stderr)")
        }
        var overCount = original
        overCount[at + 2] = 0x04
        try directory.write("hostile-k-over-n.backup", overCount)
        let overN = try SealStationCLI.run(["restore", directory.path("hostile-k-over-n.backup"), "--verify-only", "--share", directory.path("shares/share-1.txt")])
        #expect(overN.status == 1 && overN.stderr.contains("share count 3 is out of range for threshold 4"), "\(overN.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("never")))
        // A share file whose threshold is -1 (with a correct check): refused naming the file.
        let fields = text.split(separator: " ").map(String.init)
        let body = [fields[0], fields[1], "-1", fields[3], fields[4]].joined(separator: " ")
        try directory.write("shares/hostile.txt", text: body + " " + Hex.encode(Array(try SM3.hash(Array(body.utf8)).prefix(4))) + "\n")
        let share = try SealStationCLI.run([
            "restore", directory.path("station.backup"), "--verify-only", "--share", directory.path("shares/hostile.txt"),
            "--share", directory.path("shares/share-1.txt"),
        ])
        #expect(share.status == 1 && share.stderr.contains("the share file \(directory.path("shares/hostile.txt")) is damaged"), "\(share.stderr)")
        #expect(share.stderr.contains("its threshold -1 is out of range (2…255)"), "\(share.stderr)")
    }

    @Test("audit verify exits 2 naming an edited record")
    func tamperedAudit() throws {
        let directory = try TemporaryDirectory()
        let station = directory.path("station")
        let demo = try SealStationCLI.run(["demo", "--dir", station])
        #expect(demo.status == 0, "\(demo.stderr)")
        let db = "\(station)/registry.sqlite"
        #expect(try ExternalTool.run("sqlite3", [db, "DROP TRIGGER audit_no_update; UPDATE audit SET officer = '某人' WHERE seq = 6;"]).succeeded)
        let audit = try SealStationCLI.run([
            "audit", "verify", "--db", db, "--officer", "赵审计", "--passphrase-file", "\(station)/demo-passphrases/auditor.txt",
        ])
        #expect(audit.status == 2)
        #expect(audit.stdout.contains("record 6 was edited"))
    }
}
