import Foundation
import SealBundle
import SealTestSupport
import Testing

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
        #expect(throws: BundleArchiveError.unreadable("not.zip is not a ZIP archive")) {
            try BundleArchive.read(URL(fileURLWithPath: directory.path("not.zip")))
        }
    }
}
