import Foundation
import SealBundle
import SealCrypto
import SealOptical
import SealTestSupport
import Testing
import ZIPFoundation

@Suite("Bundle archives")
struct BundleArchiveTests {
    func bagFiles() throws -> [BagItBag.File] {
        var bag = BagItBag()
        try bag.add("seals/11010800000001/seal.sel", Array(repeating: 0x30, count: 4000))
        try bag.add("seals/11010800000001/filing.json", Array(#"{"name":"合同专用章"}"#.utf8))
        bag.info = [("Bundle-Sequence", "1")]
        return try bag.files()
    }

    /// Makes a ZIP with Python's zipfile: `members` are (name, bytes-as-text, is-symlink).
    func craft(_ directory: TemporaryDirectory, _ name: String, _ members: [(String, String, Bool)]) throws -> URL {
        let spec = try String(decoding: JSONSerialization.data(withJSONObject: members.map { [$0.0, $0.1, $0.2] as [Any] }), as: UTF8.self)
        let path = directory.path(name)
        let result = try PythonTools.run(script: """
            import sys, json, zipfile, warnings
            warnings.simplefilter('ignore')
            with zipfile.ZipFile(sys.argv[1], 'w') as z:
                for name, text, link in json.loads(sys.argv[2]):
                    info = zipfile.ZipInfo(name)
                    info.create_system = 3
                    info.external_attr = ((0o120777 if link else 0o100644) << 16)
                    z.writestr(info, text)
            """, [path, spec])
        #expect(result.succeeded, "\(result.stderr)")
        return URL(fileURLWithPath: path)
    }

    @Test("a bag round-trips byte for byte, is reproducible, and Python's zipfile + bagit.py accept it")
    func roundTrip() throws {
        let directory = try TemporaryDirectory()
        let files = try bagFiles()
        let first = directory.url.appendingPathComponent("bundle-1.zip"), second = directory.url.appendingPathComponent("bundle-2.zip")
        try BundleArchive.write(files, to: first)
        try BundleArchive.write(files, to: second)
        #expect(try directory.read("bundle-1.zip") == directory.read("bundle-2.zip"))
        #expect(try BundleArchive.read(first) == files)
        #expect(throws: BundleArchiveError.destinationExists(first.path)) { try BundleArchive.write(files, to: first) }
        let extract = try PythonTools.run(script: "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])",
                                          [first.path, directory.path("unzipped")])
        #expect(extract.succeeded, "\(extract.stderr)")
        let bagit = PythonTools.python.replacingOccurrences(of: "python3", with: "bagit.py")
        let valid = try ExternalTool.run(bagit, ["--validate", directory.path("unzipped")])
        #expect(valid.succeeded, "\(valid.stderr)")
    }

    @Test("zip-slip, absolute paths, links, duplicates, oversized members, unknown files and corruption are refused")
    func refusesHostileArchives() throws {
        let directory = try TemporaryDirectory()
        let cases: [(String, [(String, String, Bool)], BundleArchiveError)] = [
            ("slip.zip", [("data/../../etc/cron.d/x", "x", false)], .unsafePath("data/../../etc/cron.d/x")),
            ("absolute.zip", [("/etc/passwd", "x", false)], .unsafePath("/etc/passwd")),
            ("link.zip", [("data/key", "/etc/shadow", true)], .link("data/key")),
            ("duplicate.zip", [("data/a.txt", "one", false), ("data/a.txt", "two", false)], .duplicateMember("data/a.txt")),
            ("unknown.zip", [("bagit.txt", "x", false), ("run-me.sh", "x", false)], .unknownFile("run-me.sh")),
            ("big.zip", [("data/big.bin", String(repeating: "A", count: 5000), false)], .memberTooLarge("data/big.bin", limit: 4096)),
        ]
        let limits = BundleArchive.Limits(memberBytes: 4096)
        for (name, members, expected) in cases {
            let url = try craft(directory, name, members)
            #expect(throws: expected) { try BundleArchive.read(url, limits: limits) }
        }
        let total = try craft(directory, "total.zip", (0..<5).map { ("data/\($0).bin", String(repeating: "B", count: 3000), false) })
        #expect(throws: BundleArchiveError.totalTooLarge(limit: 10_000)) {
            try BundleArchive.read(total, limits: BundleArchive.Limits(memberBytes: 4096, totalBytes: 10_000))
        }
        #expect(throws: BundleArchiveError.archiveTooLarge(bytes: try FileManager.default.attributesOfItem(atPath: total.path)[.size] as! Int, limit: 100)) {
            try BundleArchive.read(total, limits: BundleArchive.Limits(archiveBytes: 100))
        }
        // A flipped byte inside a compressed member fails the CRC or inflation.
        let good = directory.url.appendingPathComponent("good.zip")
        try BundleArchive.write(try bagFiles(), to: good)
        var bytes = try directory.read("good.zip")
        let marker = Array("data/seals/11010800000001/seal.sel".utf8)
        let header = try #require(bytes.indices.first { bytes[$0...].starts(with: marker) })
        bytes[header + marker.count + 4] ^= 0xFF
        try directory.write("bad.zip", bytes)
        #expect(throws: BundleArchiveError.self) { try BundleArchive.read(URL(fileURLWithPath: directory.path("bad.zip"))) }
        try directory.write("not.zip", Array("plain text".utf8))
        #expect(throws: BundleArchiveError.notZIP("not.zip")) {
            try BundleArchive.read(URL(fileURLWithPath: directory.path("not.zip")))
        }
    }

    /// The archive ZIPFoundation 0.9.20 writes for `files` (what bundles were before the one-pass writer): in memory,
    /// stored, mode 0644, the bundles' fixed time.
    static func zipFoundationArchive(_ files: [BagItBag.File]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for file in files {
            try file.bytes.withUnsafeBufferPointer { buffer in
                try archive.addEntry(
                    with: file.path, type: .file, uncompressedSize: Int64(buffer.count), modificationDate: Date(timeIntervalSince1970: 1_767_225_600),
                    permissions: 0o644, compressionMethod: .none
                ) { position, size in Data(buffer[Int(position)..<Int(position) + size]) }
            }
        }
        return try #require(archive.data)
    }

    /// `count` small payload members, sorted as a bag's are.
    static func manyMembers(_ count: Int) -> [BagItBag.File] {
        (0..<count).map { BagItBag.File(path: String(format: "data/m/%06d", $0), bytes: [UInt8(truncatingIfNeeded: $0)]) }
    }

    @Test("the one-pass canonical writer gives ZIPFoundation's bytes: a bag, an empty member, CJK names, 2,000 members")
    func canonicalBytesMatchZIPFoundation() throws {
        let sets: [[BagItBag.File]] = [
            try bagFiles(),
            [BagItBag.File(path: "bagit.txt", bytes: []), BagItBag.File(path: "data/印章/合同专用章.png", bytes: Array(repeating: 0x89, count: 70_000))],
            Self.manyMembers(2_000),
        ]
        for files in sets {
            #expect(try BundleArchive.archive(files) == Self.zipFoundationArchive(files), "\(files.count) members")
        }
    }

    @Test("the one-pass reader gives the members and the file's SM3 of a canonical archive across its 4 MiB chunks; any changed, added or removed byte makes it decline")
    func onePassReader() throws {
        let directory = try TemporaryDirectory()
        // Members that straddle the reader's chunks, an empty one, and CJK names.
        let files = [
            BagItBag.File(path: "bagit.txt", bytes: Array("BagIt-Version: 1.0\n".utf8)),
            BagItBag.File(path: "data/empty", bytes: []),
            BagItBag.File(path: "data/印章/大.sel", bytes: (0..<((4 << 20) + 4_099)).map { UInt8(truncatingIfNeeded: $0 &* 31) }),
            BagItBag.File(path: "data/印章/小.svg", bytes: Array(repeating: 0x3C, count: 300_001)),
        ]
        let url = directory.url.appendingPathComponent("one-pass.zip")
        try BundleArchive.write(files, to: url)
        let bytes = try Data(contentsOf: url)
        let read = try #require(try BundleArchive.readCanonical(url))
        #expect(try read.members.map { BagItBag.File(path: $0.path, bytes: try $0.bytes.read()) } == files)
        #expect(read.sm3 == Hex.encode(try SM3.hash(bytes)))
        #expect(try BundleArchive.read(url) == files)

        // Every changed byte of a small archive (headers, member bytes, central directory, end record), a byte more or
        // a byte less: never read as canonical (the reader declines or refuses; the whole-file path then says what is wrong).
        let small = directory.url.appendingPathComponent("small.zip")
        try BundleArchive.write(try bagFiles(), to: small)
        let smallBytes = try Data(contentsOf: small)
        #expect(try BundleArchiveTests.held(try #require(try BundleArchive.readCanonical(small))) == (try bagFiles()))
        let changed = directory.url.appendingPathComponent("changed.zip")
        for position in 0..<smallBytes.count {
            var copy = smallBytes
            copy[position] ^= 0x01
            try copy.write(to: changed)
            #expect((try? BundleArchive.readCanonical(changed)) == nil, "byte \(position)")
        }
        for copy in [bytes + [0], bytes.dropLast(1), smallBytes + [0], smallBytes.dropLast(1)] {
            try Data(copy).write(to: changed)
            #expect((try? BundleArchive.readCanonical(changed)) == nil)
        }
    }

    /// The members of a one-pass read, every one read into memory.
    static func held(_ read: (members: [BundleMember], digests: [String: [DigestAlgorithm: String]], sm3: String)) throws -> [BagItBag.File] {
        try read.members.map { BagItBag.File(path: $0.path, bytes: try $0.bytes.read()) }
    }

    @Test("The one-pass reader leaves a seal's own files in the bundle file and reads them when asked; a file changed since is refused")
    func leftInFile() throws {
        let directory = try TemporaryDirectory()
        let sel = (0..<70_001).map { UInt8(truncatingIfNeeded: $0 &* 7) }, svg = Array("<svg/>".utf8)
        let files = [
            BagItBag.File(path: "bagit.txt", bytes: Array("BagIt-Version: 1.0\n".utf8)),
            BagItBag.File(path: "data/seals/110108A0000001/filing.json", bytes: Array("{}".utf8)),
            BagItBag.File(path: "data/seals/110108A0000001/seal.sel", bytes: sel),
            BagItBag.File(path: "data/seals/110108A0000001/seal.svg", bytes: svg),
        ]
        let url = directory.url.appendingPathComponent("left.zip")
        try BundleArchive.write(files, to: url)
        let read = try #require(try BundleArchive.readCanonical(url))
        let byPath = Dictionary(uniqueKeysWithValues: read.members.map { ($0.path, $0.bytes) })
        #expect(byPath["bagit.txt"]?.held != nil && byPath["data/seals/110108A0000001/filing.json"]?.held != nil)
        let left = try #require(byPath["data/seals/110108A0000001/seal.sel"])
        #expect(left.held == nil && left.count == sel.count)
        #expect(try left.read() == sel)
        #expect(read.digests["data/seals/110108A0000001/seal.sel"]?[.sm3] == Hex.encode(try SM3.hash(sel)))
        // Rewritten in place, same size: the member is no longer the one the pass hashed, and is refused.
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count / 2] ^= 0xFF
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: bytes)
        try handle.close()
        // (the write itself sets the modification time; a later one makes sure a coarse clock cannot hide it)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(5)], ofItemAtPath: url.path)
        #expect(throws: BundleArchiveError.self) { try left.read() }
    }

    @Test("a canonical 60,000-member archive is read and refused as a bundle in seconds (linear); 65,001 members are refused from the end record alone")
    func manyMembersRefusedQuickly() throws {
        let directory = try TemporaryDirectory()
        let url = directory.url.appendingPathComponent("many.zip")
        let clock = ContinuousClock()
        var start = clock.now
        try BundleArchive.write(Self.manyMembers(60_000), to: url)
        #expect(clock.now - start < .seconds(5), "writing took \(clock.now - start)")
        start = clock.now
        let outcome = BundleVerifier().verify(url)
        #expect(!outcome.report.isValid)
        #expect(outcome.report.firstFailure?.contains("bagit.txt") == true, "\(outcome.report.firstFailure ?? "")")
        #expect(clock.now - start < .seconds(5), "refusing took \(clock.now - start)")

        // Over the member limit: refused from the end record, before the members are read.
        let over = directory.url.appendingPathComponent("over.zip")
        try BundleArchive.write(Self.manyMembers(BundleArchive.Limits.maximumMembers + 1), to: over)
        start = clock.now
        #expect(throws: BundleArchiveError.tooManyMembers("over.zip", count: 65_001, limit: 65_000)) { try BundleArchive.load(over) }
        #expect(clock.now - start < .milliseconds(100))
        let report = BundleVerifier().verify(over).report
        #expect(report.firstFailure?.contains("over.zip has 65001 members; a bundle holds at most 65000") == true, "\(report.firstFailure ?? "")")
        #expect(throws: BundleArchiveError.tooManyMembers("bytes", count: 65_001, limit: 65_000)) {
            try BundleArchive.read(data: Data(contentsOf: over), name: "bytes")
        }
        #expect(throws: BundleArchiveError.tooManyMembers("the bundle", count: 70_000, limit: 65_534)) { try BundleArchive.archive(Self.manyMembers(70_000)) }
    }

    @Test("a device or a pipe given as a bundle, a manifest or a QR frame file is refused at once, before anything is read")
    func devicesRefused() throws {
        let device = URL(fileURLWithPath: "/dev/zero")
        let started = Date()
        #expect(throws: BundleArchiveError.unreadable("zero is not a regular file")) {
            try ZIPEndOfCentralDirectory(contentsOf: device, name: "zero")
        }
        #expect(throws: BundleArchiveError.self) { try BundleArchive.read(device) }
        #expect(throws: FilingManifestError.self) { try FilingManifestInput.read(path: device.path) }
        var assembler = BundleAssembler()
        #expect(throws: BundleAssemblyError.unreadable("/dev/zero (not a regular file)")) { try assembler.add(device.path) }
        #expect(Date().timeIntervalSince(started) < 1)
    }

    @Test("a 2 GiB sparse file that is not a ZIP is refused after reading its last 64 KiB, in under a second; damaged end records are named")
    func largeNonZIPRefusedQuickly() throws {
        let directory = try TemporaryDirectory()
        let url = directory.url.appendingPathComponent("large.bin")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(BundleArchive.Limits().archiveBytes))  // sparse: no disk used
        try handle.close()
        let clock = ContinuousClock()
        var start = clock.now
        #expect(throws: BundleArchiveError.notZIP("large.bin")) { try BundleArchive.load(url) }
        #expect(clock.now - start < .seconds(1), "took \(clock.now - start)")
        start = clock.now
        let report = BundleVerifier().verify(url).report
        #expect(report.firstFailure?.contains("not a ZIP archive") == true, "\(report.firstFailure ?? "")")
        #expect(clock.now - start < .seconds(1), "took \(clock.now - start)")

        // End records that lie: a comment running past the end, a central directory after the record, ZIP64, disks.
        let good = Array(try BundleArchive.archive(try bagFiles()))
        let end = good.count - 22
        func patched(_ offset: Int, _ bytes: [UInt8]) -> Data {
            var copy = good
            for (index, byte) in bytes.enumerated() { copy[end + offset + index] = byte }
            return Data(copy)
        }
        let lies: [(Data, String)] = [
            (patched(20, [0x10, 0x00]), "its comment length does not reach the end of the file"),
            (patched(16, [0xF0, 0xFF, 0xFF, 0x7F]), "does not fit before the record"),
            (patched(12, [0xF0, 0xFF, 0xFF, 0x7F]), "does not fit before the record"),
            (patched(8, [0xFF, 0xFF, 0xFF, 0xFF]), "ZIP64"),
            (patched(4, [0x01, 0x00]), "several disks"),
            (patched(8, [0x00, 0x00]), "several disks"),
        ]
        for (data, detail) in lies {
            #expect {
                try BundleArchive.read(data: data, name: "lying.zip")
            } throws: { error in
                "\(error)".contains("lying.zip is not a readable ZIP archive") && "\(error)".contains(detail)
            }
        }
        #expect(throws: BundleArchiveError.notZIP("short.zip")) { try BundleArchive.read(data: Data(good.prefix(21)), name: "short.zip") }
        #expect(throws: BundleArchiveError.notZIP("empty.zip")) { try BundleArchive.read(data: Data(), name: "empty.zip") }
    }
}
