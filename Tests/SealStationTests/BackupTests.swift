import Foundation
import SealCrypto
import SealPKI
import SealRegistry
import SealStation
import SealTestSupport
import SealToken
import Testing

@Suite("Backup and restore")
struct BackupTests {
    static let testScrypt = Scrypt.Parameters(n: 1 << 10, r: 8, p: 1)

    func caKey(_ office: OfficeFixture) throws -> PrivateKey {
        try office.station.ca.unlockKey(passphrase: OfficeFixture.secret("station passphrase"))
    }

    @Test("backup, delete the station, restore: the registry is identical row by row and its audit verifies")
    func roundTrip() throws {
        let office = try OfficeFixture()
        _ = try office.issuedSeal()
        let file = office.directory.path("station.backup")
        _ = try office.station.backup(by: office.admin, to: file, caKey: caKey(office),
                                      keySource: .passphrase(OfficeFixture.secret("backup passphrase"), Self.testScrypt), now: OfficeFixture.now)
        let before = try office.snapshot()
        let files = try office.station.stationFiles()
        let originals = try files.map { try office.directory.read("station/\($0)") }
        try FileManager.default.removeItem(atPath: office.directory.path("station"))

        let target = office.directory.url.appendingPathComponent("restored")
        let contents = try StationBackup.restore(
            try office.directory.read("station.backup"), unlock: .passphrase(OfficeFixture.secret("backup passphrase")), into: target, verifyOnly: false)
        #expect(contents.station == "测试站")
        let dump = try ExternalTool.run("sqlite3", [target.appendingPathComponent("registry.sqlite").path, ".dump"]).stdout
        #expect(dump == before)
        for (path, original) in zip(files, originals) {
            #expect(try office.directory.read("restored/\(path)") == original, "\(path)")
        }
        let restored = try Station.open(databasePath: target.appendingPathComponent("registry.sqlite").path, templates: office.station.templates,
                                         vendorProfiles: office.station.vendorProfiles)
        let audit = try restored.verifyAudit()
        #expect(audit.isValid, "\(audit.problems)")
        #expect(audit.checkpoints >= 1)
        // The restored station works: its CA key opens with the station passphrase, and seal custody paths resolve.
        _ = try restored.ca.unlockKey(passphrase: OfficeFixture.secret("station passphrase"))
        let seal = try restored.seals(.init()).first!
        #expect(FileManager.default.fileExists(atPath: try restored.custodyDirectory(of: seal).appendingPathComponent("holder-key.p8").path))
    }

    @Test("a wrong passphrase is refused and nothing is written; a non-empty destination is refused")
    func wrongPassphrase() throws {
        let office = try OfficeFixture()
        let file = office.directory.path("station.backup")
        _ = try office.station.backup(by: office.admin, to: file, caKey: caKey(office),
                                      keySource: .passphrase(OfficeFixture.secret("right"), Self.testScrypt), now: OfficeFixture.now)
        let target = office.directory.url.appendingPathComponent("restored")
        #expect(throws: BackupError.wrongPassphrase) {
            try StationBackup.restore(try office.directory.read("station.backup"), unlock: .passphrase(OfficeFixture.secret("wrong")), into: target, verifyOnly: false)
        }
        #expect(!FileManager.default.fileExists(atPath: target.path))
        let busy = office.directory.url.appendingPathComponent("busy")
        try FileManager.default.createDirectory(at: busy, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: busy.appendingPathComponent("keep"))
        #expect(throws: BackupError.destinationNotEmpty(busy.path)) {
            try StationBackup.restore(try office.directory.read("station.backup"), unlock: .passphrase(OfficeFixture.secret("right")), into: busy, verifyOnly: false)
        }
        #expect(try Data(contentsOf: busy.appendingPathComponent("keep")) == Data("x".utf8))
    }

    @Test("3-of-5 shares: any 3 restore, 2 do not, and shares of another backup are refused")
    func shares() throws {
        let office = try OfficeFixture()
        let file = office.directory.path("station.backup")
        let shares = try office.station.backup(by: office.admin, to: file, caKey: caKey(office), keySource: .shares(threshold: 3, count: 5), now: OfficeFixture.now).shares
        #expect(shares.count == 5)
        let parsed = try shares.map { try BackupShare(text: $0.text) }
        #expect(parsed == shares)
        let bytes = try office.directory.read("station.backup")
        let target = office.directory.url.appendingPathComponent("never")
        for a in 0..<5 {
            for b in (a + 1)..<5 {
                #expect(throws: BackupError.tooFewShares(given: 2, needed: 3)) {
                    try StationBackup.restore(bytes, unlock: .shares([parsed[a], parsed[b]]), into: target, verifyOnly: true)
                }
                for c in (b + 1)..<5 {
                    let contents = try StationBackup.restore(bytes, unlock: .shares([parsed[a], parsed[b], parsed[c]]), into: target, verifyOnly: true)
                    #expect(contents.station == "测试站")
                }
            }
        }
        #expect(!FileManager.default.fileExists(atPath: target.path))
        // A share with changed bytes (and a recomputed check) gives a wrong key; one of another backup is refused.
        var forged = parsed[0]
        forged.share.bytes[0] ^= 0x01
        #expect(throws: BackupError.wrongShares) {
            try StationBackup.restore(bytes, unlock: .shares([forged, parsed[1], parsed[2]]), into: target, verifyOnly: true)
        }
        let other = try office.station.backup(by: office.admin, to: office.directory.path("other.backup"), caKey: caKey(office),
                                              keySource: .shares(threshold: 3, count: 5), now: OfficeFixture.now)
        #expect(throws: BackupError.sharesFromAnotherBackup) {
            try StationBackup.restore(bytes, unlock: .shares([other.shares[0], parsed[1], parsed[2]]), into: target, verifyOnly: true)
        }
        #expect(throws: BackupError.self) { try BackupShare(text: parsed[0].text.replacingOccurrences(of: " 1 ", with: " 2 ")) }
    }

    @Test("every single-byte change of a backup file is refused")
    func everyByteChange() throws {
        let office = try OfficeFixture()
        let file = office.directory.path("station.backup")
        let shares = try office.station.backup(by: office.admin, to: file, caKey: caKey(office), keySource: .shares(threshold: 2, count: 2), now: OfficeFixture.now).shares
        let original = try office.directory.read("station.backup")
        let target = office.directory.url.appendingPathComponent("never")
        _ = try StationBackup.restore(original, unlock: .shares(shares), into: target, verifyOnly: true)
        var accepted: [Int] = []
        for index in original.indices {
            var bytes = original
            bytes[index] ^= 0x01
            if (try? StationBackup.restore(bytes, unlock: .shares(shares), into: target, verifyOnly: true)) != nil { accepted.append(index) }
        }
        #expect(accepted.isEmpty, "changes at \(accepted.prefix(10)) were accepted")
        #expect(original.count > 10_000)
    }

    @Test("backup into a share directory that already holds shares, or whose destinations cannot be written, leaves no file and no audit record")
    func allOrNothing() throws {
        let office = try OfficeFixture()
        let before = try office.snapshot()
        let directory = office.directory
        func refused(_ shareDirectory: String, _ what: String, matching: (any Error) -> Bool) throws {
            let file = directory.path("station.backup")
            #expect(performing: {
                try office.station.backup(by: office.admin, to: file, caKey: caKey(office), keySource: .shares(threshold: 2, count: 3),
                                          shareDirectory: shareDirectory, now: OfficeFixture.now)
            }, throws: matching)
            #expect(!FileManager.default.fileExists(atPath: file), "\(what): the backup file was written")
            #expect(try office.snapshot() == before, "\(what): the registry changed")
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path("."))
            #expect(!names.contains { $0.hasPrefix(StagedFiles.stagingPrefix) }, "\(what): a staging directory was left")
        }
        // A directory already holding a share: refused naming it, nothing of the new backup in it.
        try FileManager.default.createDirectory(atPath: directory.path("held"), withIntermediateDirectories: true)
        _ = try directory.write("held/share-2.txt", text: "SEALSTATION-SHARE-1 an older backup's share\n")
        try refused(directory.path("held"), "a share directory with shares") { error in
            guard case SealPKIError.fileExists(let path) = error else { return false }
            return path.hasSuffix("held/share-2.txt")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path("held")) == ["share-2.txt"])
        // A share file name that exists as a directory.
        try FileManager.default.createDirectory(atPath: directory.path("dirs/share-3.png"), withIntermediateDirectories: true)
        try refused(directory.path("dirs"), "a share name that is a directory") { error in
            guard case SealPKIError.fileExists(let path) = error else { return false }
            return path.hasSuffix("dirs/share-3.png")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path("dirs")) == ["share-3.png"])
        // A share directory whose parent is a regular file (refused for root too).
        _ = try directory.write("plain-file", text: "not a directory")
        try refused(directory.path("plain-file/shares"), "a share directory under a regular file") { error in
            guard case SealPKIError.fileAccess(let path, let reason) = error else { return false }
            return path.hasSuffix("plain-file") && reason.contains("not a directory")
        }
        // The backup file's own name taken by a directory.
        try FileManager.default.createDirectory(atPath: directory.path("taken.backup"), withIntermediateDirectories: true)
        #expect(throws: SealPKIError.self) {
            try office.station.backup(by: office.admin, to: directory.path("taken.backup"), caKey: caKey(office),
                                      keySource: .shares(threshold: 2, count: 3), shareDirectory: directory.path("fresh"), now: OfficeFixture.now)
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path("fresh")))
        #expect(try office.snapshot() == before)

        // A staging directory left by a killed run (its process is gone) is removed and reported by the next backup,
        // which writes the backup, every share (in a new 0700 directory) and one audit record.
        let leftover = directory.path(StagedFiles.stagingPrefix + "999999999-killed")
        try FileManager.default.createDirectory(atPath: leftover + "/shares", withIntermediateDirectories: true)
        let made = try office.station.backup(
            by: office.admin, to: directory.path("station.backup"), caKey: caKey(office), keySource: .shares(threshold: 2, count: 3),
            shareDirectory: directory.path("fresh"), now: OfficeFixture.now)
        #expect(made.removedLeftovers.count == 1 && made.removedLeftovers.first?.hasSuffix(StagedFiles.stagingPrefix + "999999999-killed") == true)
        #expect(!FileManager.default.fileExists(atPath: leftover))
        #expect(made.shares.count == 3 && made.shareFiles.count == 6)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path("fresh")).sorted()
            == ["share-1.png", "share-1.txt", "share-2.png", "share-2.txt", "share-3.png", "share-3.txt"])
        #expect(try FileManager.default.attributesOfItem(atPath: directory.path("fresh"))[.posixPermissions] as? Int == 0o700)
        let records = try office.station.auditRecords(since: 1, limit: 10_000)
        #expect(records.filter { $0.action == "backup.create" }.count == 1)
        // The backup carries its own audit record and checkpoint: the restored registry equals the live one.
        let target = directory.url.appendingPathComponent("restored")
        let shares = try made.shareFiles.filter { $0.hasSuffix(".txt") }.prefix(2).map {
            try BackupShare(text: String(decoding: try Array(Data(contentsOf: URL(fileURLWithPath: $0))), as: UTF8.self))
        }
        try StationBackup.restore(try directory.read("station.backup"), unlock: .shares(Array(shares)), into: target, verifyOnly: false)
        let dump = try ExternalTool.run("sqlite3", [target.appendingPathComponent("registry.sqlite").path, ".dump"]).stdout
        #expect(dump == (try office.snapshot()))
    }
}
