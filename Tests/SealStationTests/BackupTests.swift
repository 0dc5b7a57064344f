import Foundation
import SealCrypto
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
        let shares = try office.station.backup(by: office.admin, to: file, caKey: caKey(office), keySource: .shares(threshold: 3, count: 5), now: OfficeFixture.now)
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
            try StationBackup.restore(bytes, unlock: .shares([other[0], parsed[1], parsed[2]]), into: target, verifyOnly: true)
        }
        #expect(throws: BackupError.self) { try BackupShare(text: parsed[0].text.replacingOccurrences(of: " 1 ", with: " 2 ")) }
    }

    @Test("every single-byte change of a backup file is refused")
    func everyByteChange() throws {
        let office = try OfficeFixture()
        let file = office.directory.path("station.backup")
        let shares = try office.station.backup(by: office.admin, to: file, caKey: caKey(office), keySource: .shares(threshold: 2, count: 2), now: OfficeFixture.now)
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
}
