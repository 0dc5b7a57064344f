import Foundation
import SealTestSupport
import Testing

/// File modes: every file the station commands create is 0600 and every directory 0700, whatever the umask;
/// passphrase and PIN files others can read are refused; with no terminal, the message names the missing option.
@Suite("sealstation file permissions and secret files")
struct PermissionCommandTests {
    /// Runs the binary like `SealStationCLI.run`, but under umask 000, so only the program's own modes count.
    func runOpenUmask(_ arguments: [String], environment: [String: String]? = nil) throws -> ExternalTool.Result {
        try ExternalTool.run("sh", ["-c", "umask 000 && exec setsid -w \"$@\"", "sh", SealStationCLI.binary.path] + arguments, environment: environment)
    }

    /// Every file and directory at or under `path` (lstat: a link is reported as one), with its permission bits.
    func modes(under path: String) throws -> [(String, Bool, Int)] {
        var found: [(String, Bool, Int)] = []
        func visit(_ path: String) throws {
            var status = stat()
            guard lstat(path, &status) == 0 else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
            let isDirectory = status.st_mode & S_IFMT == S_IFDIR
            found.append((path, isDirectory, Int(status.st_mode & 0o7777)))
            if isDirectory {
                for name in try FileManager.default.contentsOfDirectory(atPath: path) { try visit("\(path)/\(name)") }
            }
        }
        try visit(path)
        return found
    }

    func expectPrivate(_ paths: [String], atLeast minimum: Int) throws {
        var files = 0
        for path in paths {
            for (item, isDirectory, mode) in try modes(under: path) {
                #expect(mode == (isDirectory ? 0o700 : 0o600), "\(item) has mode \(String(mode, radix: 8))")
                if !isDirectory { files += 1 }
            }
        }
        #expect(files >= minimum, "only \(files) files were checked")
    }

    @Test("after init, issue (station and file custody), backup (passphrase and shares) and export (with QR frames) under umask 000, every file is 0600 and every directory 0700")
    func stationModes() throws {
        let directory = try TemporaryDirectory()
        for name in ["admin", "station", "approver", "clerk", "holder", "backup"] {
            try directory.write("\(name).pass", text: "\(name) passphrase 2026\n")
        }
        let db = directory.path("station/registry.sqlite")
        func run(_ arguments: [String]) throws -> ExternalTool.Result {
            let result = try runOpenUmask(arguments + ["--db", db])
            #expect(result.status == 0, "\(arguments.prefix(2)): \(result.stderr)")
            return result
        }
        let admin = ["--officer", "张管理", "--passphrase-file", directory.path("admin.pass")]
        let clerk = ["--officer", "王经办", "--passphrase-file", directory.path("clerk.pass")]
        let approver = ["--officer", "李审批", "--passphrase-file", directory.path("approver.pass")]
        _ = try run(["init", "--name", "测试站", "--org", "某市公安局", "--admin", "张管理", "--passphrase-file", directory.path("admin.pass"),
                     "--station-passphrase-file", directory.path("station.pass")])
        // registry.sqlite, the CA's key and certificates, the maker's key and certificate, the lock.
        try expectPrivate([directory.path("station")], atLeast: 6)
        _ = try run(["officer", "add", "--name", "李审批", "--role", "approver", "--new-passphrase-file", directory.path("approver.pass")] + admin)
        _ = try run(["officer", "add", "--name", "王经办", "--role", "operator", "--new-passphrase-file", directory.path("clerk.pass")] + admin)
        for (id, custody) in [("1", "station"), ("2", "file:" + directory.path("holder-disk/seals"))] {
            _ = try run(["apply", "--unit", "北京某某科技发展有限公司", "--credit-code", "91110108MA00000070", "--template", "round-42",
                         "--reason", "新设立"] + clerk)
            _ = try run(["approve", id] + approver)
            _ = try run(["issue", id, "--to", custody, "--station-passphrase-file", directory.path("station.pass"),
                         "--holder-passphrase-file", directory.path("holder.pass")] + clerk)
        }
        _ = try run(["backup", directory.path("station.backup"), "--station-passphrase-file", directory.path("station.pass"),
                     "--backup-passphrase-file", directory.path("backup.pass")] + admin)
        _ = try run(["backup", directory.path("shared.backup"), "--station-passphrase-file", directory.path("station.pass"),
                     "--shares", "2-of-3", "--share-dir", directory.path("shares")] + admin)
        _ = try run(["export", "--out", directory.path("bundles"), "--station-passphrase-file", directory.path("station.pass"),
                     "--qr-frames", directory.path("frames")] + clerk)
        // Restoring makes a station too.
        let restored = try runOpenUmask(["restore", directory.path("station.backup"), "--to", directory.path("restored/station"),
                                         "--backup-passphrase-file", directory.path("backup.pass")])
        #expect(restored.status == 0, "\(restored.stderr)")
        let made = ["station", "holder-disk", "station.backup", "shared.backup", "shares", "bundles", "frames", "restored"].map(directory.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path("station/issued")).count == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path("bundles")).contains { $0.hasSuffix(".zip") })
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path("frames")).contains("frames.txt"))
        try expectPrivate(made, atLeast: 40)
    }

    @Test("a passphrase file group or others can read or write is refused, naming chmod 600 and the file", arguments: [0o640, 0o604, 0o620, 0o602, 0o644, 0o666])
    func looseSecretFile(mode: Int) throws {
        let directory = try TemporaryDirectory()
        let admin = try directory.write("admin.pass", text: "admin passphrase 2026\n")
        let station = try directory.write("station.pass", text: "station passphrase 2026\n")
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: admin)
        let refused = try SealStationCLI.run(["init", "--db", directory.path("station/registry.sqlite"), "--name", "测试站", "--org", "某市公安局",
                                              "--admin", "张管理", "--passphrase-file", admin, "--station-passphrase-file", station])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("chmod 600 \(admin)"), "\(refused.stderr)")
        #expect(refused.stderr.contains(String(format: "mode %04o", mode)), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("station")))
        // The same file, made private, is accepted.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: admin)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: station)
        let stationRefused = try SealStationCLI.run(["init", "--db", directory.path("station/registry.sqlite"), "--name", "测试站", "--org", "某市公安局",
                                                     "--admin", "张管理", "--passphrase-file", admin, "--station-passphrase-file", station])
        #expect(stationRefused.status == 1)
        #expect(stationRefused.stderr.contains("chmod 600 \(station)"), "\(stationRefused.stderr)")
    }

    @Test("a PIN file others can read is refused, naming chmod 600")
    func looseTokenPIN() throws {
        let token = try SoftHSMToken(label: "seal-holder", forThisProcess: false)
        let directory = try TemporaryDirectory()
        let pin = try directory.write("token.pin", text: SoftHSMToken.userPIN + "\n")
        func objects() throws -> ExternalTool.Result {
            try ExternalTool.run("setsid", ["-w", SealStationCLI.binary.path, "token", "objects", "seal-holder", "--pin-file", pin,
                                            "--module", SoftHSMToken.modulePath], environment: token.environment)
        }
        #expect(try objects().status == 0)
        for mode in [0o640, 0o644] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: pin)
            let refused = try objects()
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("chmod 600 \(pin)"), "\(refused.stderr)")
        }
        // With no PIN file and no terminal, the message names --pin-file.
        let noPIN = try ExternalTool.run("setsid", ["-w", SealStationCLI.binary.path, "token", "objects", "seal-holder",
                                                    "--module", SoftHSMToken.modulePath], environment: token.environment)
        #expect(noPIN.status == 1)
        #expect(noPIN.stderr.contains("give --pin-file FILE"), "\(noPIN.stderr)")
    }

    @Test("with no terminal, issue, export and backup name the exact option of the missing passphrase")
    func noTerminalNamesTheOption() throws {
        let directory = try TemporaryDirectory()
        for name in ["admin", "station", "approver", "clerk", "holder"] {
            try directory.write("\(name).pass", text: "\(name) passphrase 2026\n")
        }
        let db = directory.path("station/registry.sqlite")
        func run(_ arguments: [String]) throws -> ExternalTool.Result { try SealStationCLI.run(arguments + ["--db", db]) }
        let admin = ["--officer", "张管理", "--passphrase-file", directory.path("admin.pass")]
        let clerk = ["--officer", "王经办", "--passphrase-file", directory.path("clerk.pass")]
        let noStation = try run(["init", "--name", "测试站", "--org", "某市公安局", "--admin", "张管理", "--passphrase-file", directory.path("admin.pass")])
        #expect(noStation.stderr.contains("no new passphrase for the station keys") && noStation.stderr.contains("give --station-passphrase-file FILE"),
                "\(noStation.stderr)")
        #expect(try run(["init", "--name", "测试站", "--org", "某市公安局", "--admin", "张管理", "--passphrase-file", directory.path("admin.pass"),
                         "--station-passphrase-file", directory.path("station.pass")]).status == 0)
        #expect(try run(["officer", "add", "--name", "李审批", "--role", "approver", "--new-passphrase-file", directory.path("approver.pass")] + admin).status == 0)
        let noNew = try run(["officer", "add", "--name", "王经办", "--role", "operator"] + admin)
        #expect(noNew.stderr.contains("give --new-passphrase-file FILE"), "\(noNew.stderr)")
        #expect(try run(["officer", "add", "--name", "王经办", "--role", "operator", "--new-passphrase-file", directory.path("clerk.pass")] + admin).status == 0)
        #expect(try run(["apply", "--unit", "北京某某科技发展有限公司", "--credit-code", "91110108MA00000070", "--template", "round-42",
                         "--reason", "新设立"] + clerk).status == 0)
        #expect(try run(["approve", "1", "--officer", "李审批", "--passphrase-file", directory.path("approver.pass")]).status == 0)

        let cases: [([String], String)] = [
            (["apply", "--unit", "x", "--credit-code", "91110108MA00000070", "--template", "round-42", "--reason", "x", "--officer", "王经办"], "--passphrase-file"),
            (["issue", "1", "--station-passphrase-file", directory.path("station.pass")] + clerk, "--holder-passphrase-file"),
            (["issue", "1", "--holder-passphrase-file", directory.path("holder.pass")] + clerk, "--station-passphrase-file"),
            (["export", "--out", directory.path("bundles")] + clerk, "--station-passphrase-file"),
            (["backup", directory.path("station.backup")] + admin, "--station-passphrase-file"),
            (["backup", directory.path("station.backup"), "--station-passphrase-file", directory.path("station.pass")] + admin, "--backup-passphrase-file"),
            (["audit", "checkpoint"] + admin, "--station-passphrase-file"),
        ]
        for (arguments, option) in cases {
            let result = try run(arguments)
            #expect(result.status == 1, "\(arguments.prefix(2))")
            #expect(result.stderr.contains("there is no terminal to prompt on; give \(option) FILE"), "\(arguments.prefix(2)): \(result.stderr)")
        }
        // Nothing was issued, exported or backed up by the refused commands.
        #expect(!FileManager.default.fileExists(atPath: directory.path("bundles")) && !FileManager.default.fileExists(atPath: directory.path("station.backup")))
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: directory.path("station/issued"))) ?? []).isEmpty)
    }
}
