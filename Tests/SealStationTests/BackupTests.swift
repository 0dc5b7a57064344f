import Foundation
import SealCrypto
import SealPKI
import SealRegistry
@testable import SealStation
import SwiftASN1
import SealTestSupport
import SealToken
import Testing
import SealAudit

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

    /// `original` (a shares backup) with its header's ShareParameters replaced by `threshold` and `count`, encoded at
    /// any width; the sealed part is kept, so only the range checks (or the AEAD tag) can refuse it.
    static func withShareHeader(_ original: [UInt8], threshold: UntrustedInteger, count: UntrustedInteger) throws -> [UInt8] {
        let file = try BackupFileStructure(derEncoded: DER.parse(original))
        let id = try #require(file.header.shares?.backupID)
        var header = DER.Serializer()
        try header.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(try ASN1IA5String(file.header.format))
            try coder.serialize(try ASN1IA5String(file.header.cipher))
            try coder.serialize(ASN1OctetString(contentBytes: file.header.nonce[...]))
            try coder.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)) { coder in
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try coder.serialize(threshold)
                    try coder.serialize(count)
                    try coder.serialize(ASN1OctetString(contentBytes: id[...]))
                }
            }
        }
        var out = DER.Serializer()
        try out.serialize(BackupFileStructure(header: file.header, headerBytes: header.serializedBytes[...], sealed: file.sealed))
        return out.serializedBytes
    }

    /// `original` (a passphrase backup) with scrypt parameters n, r, p in its header.
    static func withScryptHeader(_ original: [UInt8], n: UntrustedInteger, r: UntrustedInteger, p: UntrustedInteger) throws -> [UInt8] {
        let file = try BackupFileStructure(derEncoded: DER.parse(original))
        let salt = try #require(file.header.scrypt?.salt)
        var header = DER.Serializer()
        try header.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(try ASN1IA5String(file.header.format))
            try coder.serialize(try ASN1IA5String(file.header.cipher))
            try coder.serialize(ASN1OctetString(contentBytes: file.header.nonce[...]))
            try coder.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) { coder in
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try coder.serialize(ASN1OctetString(contentBytes: salt[...]))
                    try coder.serialize(n)
                    try coder.serialize(r)
                    try coder.serialize(p)
                }
            }
        }
        var out = DER.Serializer()
        try out.serialize(BackupFileStructure(header: file.header, headerBytes: header.serializedBytes[...], sealed: file.sealed))
        return out.serializedBytes
    }

    /// Integers at and past every width, as DER INTEGERs of any length.
    static func integer(_ value: Int) -> UntrustedInteger { UntrustedInteger(value) }

    @Test("a share header whose threshold is -1, 0, 1, over 255, 2^31, 2^63 or 2^64-1, or K > N, is refused naming the number; nothing is written")
    func hostileShareHeader() throws {
        let office = try OfficeFixture()
        let shares = try office.station.backup(by: office.admin, to: office.directory.path("station.backup"), caKey: caKey(office),
                                               keySource: .shares(threshold: 2, count: 3), now: OfficeFixture.now).shares
        let original = try office.directory.read("station.backup")
        let target = office.directory.url.appendingPathComponent("never")
        let hostile: [(UntrustedInteger, UntrustedInteger, String)] = [
            (Self.integer(-1), Self.integer(3), "share threshold -1 is out of range (2…255)"),
            (Self.integer(0), Self.integer(3), "share threshold 0 is out of range"),
            (Self.integer(1), Self.integer(3), "share threshold 1 is out of range"),
            (Self.integer(256), Self.integer(300), "share threshold 256 is out of range"),
            (Self.integer(Int(Int32.max)), Self.integer(3), "share threshold 2147483647 is out of range"),
            (Self.integer(1 << 31), Self.integer(3), "share threshold 2147483648 is out of range"),
            (Self.integer(1 << 32 + 1), Self.integer(3), "share threshold 4294967297 is out of range"),
            (Self.integer(Int.min), Self.integer(3), "share threshold -9223372036854775808 is out of range"),
            (try HostileDER.integer(unsigned: 1 << 63), Self.integer(3), "share threshold 9223372036854775808 is out of range"),
            (try HostileDER.integer(unsigned: UInt64.max), Self.integer(3), "share threshold 18446744073709551615 is out of range"),
            (Self.integer(3), Self.integer(2), "share count 2 is out of range for threshold 3"),
            (Self.integer(2), Self.integer(-1), "share count -1 is out of range"),
            (Self.integer(2), Self.integer(256), "share count 256 is out of range"),
        ]
        for (threshold, count, message) in hostile {
            let bytes = try Self.withShareHeader(original, threshold: threshold, count: count)
            do {
                _ = try StationBackup.restore(bytes, unlock: .shares(shares), into: target, verifyOnly: false)
                Issue.record("accepted \(threshold)-of-\(count)")
            } catch {
                #expect("\(error)".contains(message), "\(error)")
                #expect("\(error)".hasPrefix("the backup is damaged"), "\(error)")
            }
            #expect(throws: BackupError.self) { try StationBackup.keySource(of: bytes) }
        }
        // In range but changed (2-of-2): the header is the AEAD's associated data, so the tag refuses it.
        #expect(throws: BackupError.wrongShares) {
            try StationBackup.restore(try Self.withShareHeader(original, threshold: Self.integer(2), count: Self.integer(2)), unlock: .shares(shares),
                                      into: target, verifyOnly: false)
        }
        #expect(!FileManager.default.fileExists(atPath: target.path))
        // Share texts out of range (with a correct check) are refused naming the file.
        for threshold in ["-1", "0", "1", "256", "2147483648", "9223372036854775808", "18446744073709551616"] {
            let body = "\(BackupShare.prefix) \(Hex.encode(shares[0].backupID)) \(threshold) 1 \(Hex.encode(shares[0].share.bytes))"
            let text = body + " " + Hex.encode(Array(try SM3.hash(Array(body.utf8)).prefix(4)))
            #expect(throws: BackupError.malformedShare(source: "share-1.txt", reason: "its threshold \(threshold) is out of range (2…255)")) {
                try BackupShare(text: text, source: "share-1.txt")
            }
        }
        // A share claiming another threshold than the header's is refused before it is combined.
        var other = shares[0]
        other.threshold = 3
        #expect(throws: BackupError.self) { try StationBackup.restore(original, unlock: .shares([other, shares[1]]), into: target, verifyOnly: true) }
    }

    @Test("a passphrase header asking for scrypt parameters out of range is refused before any key derivation, naming the parameter")
    func hostileScryptHeader() throws {
        let office = try OfficeFixture()
        _ = try office.station.backup(by: office.admin, to: office.directory.path("station.backup"), caKey: caKey(office),
                                      keySource: .passphrase(OfficeFixture.secret("backup passphrase"), Self.testScrypt), now: OfficeFixture.now)
        let original = try office.directory.read("station.backup")
        let target = office.directory.url.appendingPathComponent("never")
        let cases: [(Int, Int, Int, String)] = [
            (0, 8, 1, "scrypt cost N = 0"), (1, 8, 1, "scrypt cost N = 1"), (1000, 8, 1, "scrypt cost N = 1000"), (1 << 21, 1, 1, "scrypt cost N = 2097152"),
            (1 << 31, 8, 1, "scrypt cost N = 2147483648"), (-(1 << 10), 8, 1, "scrypt cost N = -1024"),
            (1 << 10, 0, 1, "scrypt block size r = 0"), (1 << 10, 33, 1, "scrypt block size r = 33"), (1 << 10, 1 << 32, 1, "scrypt block size r = 4294967296"),
            (1 << 10, 8, 0, "scrypt parallelism p = 0"), (1 << 10, 8, 17, "scrypt parallelism p = 17"), (1 << 10, 8, Int.max, "scrypt parallelism p = 9223372036854775807"),
            (1 << 20, 16, 1, "need 2048 MiB; at most 1024 MiB"), (1 << 20, 8, 16, "scrypt N·r·p = 134217728"),
        ]
        for (n, r, p, message) in cases {
            let bytes = try Self.withScryptHeader(original, n: Self.integer(n), r: Self.integer(r), p: Self.integer(p))
            let clock = ContinuousClock()
            let start = clock.now
            do {
                _ = try StationBackup.restore(bytes, unlock: .passphrase(OfficeFixture.secret("backup passphrase")), into: target, verifyOnly: false)
                Issue.record("accepted N=\(n) r=\(r) p=\(p)")
            } catch {
                #expect("\(error)".contains(message), "\(error)")
                #expect("\(error)".hasPrefix("the backup is damaged"), "\(error)")
            }
            #expect(clock.now - start < .milliseconds(200), "N=\(n) r=\(r) p=\(p)")
        }
        let wide = try Self.withScryptHeader(original, n: try HostileDER.integer(unsigned: UInt64.max), r: Self.integer(8), p: Self.integer(1))
        #expect(throws: BackupError.outOfRange("scrypt cost N = 18446744073709551615, but N must be a power of two from 2 to 1048576 (2^20)")) {
            try StationBackup.restore(wide, unlock: .passphrase(OfficeFixture.secret("backup passphrase")), into: target, verifyOnly: false)
        }
        // At the bounds the parameters are read (the tag then refuses the changed header).
        #expect(throws: BackupError.wrongPassphrase) {
            try StationBackup.restore(try Self.withScryptHeader(original, n: Self.integer(2), r: Self.integer(1), p: Self.integer(1)),
                                      unlock: .passphrase(OfficeFixture.secret("backup passphrase")), into: target, verifyOnly: false)
        }
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }
}
