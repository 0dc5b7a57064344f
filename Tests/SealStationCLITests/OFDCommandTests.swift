import Foundation
import SealTestSupport
import Testing

/// `sealstation ofd from-text`: the file it writes (0644, read back by the OFD reader the verifier uses), what it
/// prints, and what it refuses.
@Suite("sealstation ofd from-text")
struct OFDCommandTests {
    @Test("writes a 0644 OFD, prints pages and bytes (table and --json), refuses to overwrite unless --force")
    func fromText() throws {
        let directory = try TemporaryDirectory()
        let input = try directory.write("contract.txt", text: "采购合同\n甲方：北京某某科技发展有限公司\n\u{0C}第二页 page two\n")
        let out = directory.path("contract.ofd")
        let table = try SealStationCLI.run(["ofd", "from-text", input, "--out", out, "--title", "采购合同"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("pages") && table.stdout.contains("bytes") && table.stdout.contains("AR PL UMing CN"))
        let attributes = try FileManager.default.attributesOfItem(atPath: out)
        #expect((attributes[.posixPermissions] as? Int) == 0o644)
        let first = try directory.read("contract.ofd")
        #expect(first.starts(with: [0x50, 0x4B, 0x03, 0x04]))

        let again = try SealStationCLI.run(["ofd", "from-text", input, "--out", out])
        #expect(again.status == 1)
        #expect(again.stderr.contains("exists already"), "\(again.stderr)")
        #expect(try directory.read("contract.ofd") == first, "the refused run left the file as it was")

        let forced = try SealStationCLI.run(["ofd", "from-text", input, "--out", out, "--force", "--json"])
        #expect(forced.status == 0, "\(forced.stderr)")
        let json = try SealStationCLI.json(forced)
        #expect(json["pages"] as? Int == 2)
        #expect(json["bytes"] as? Int == (try directory.read("contract.ofd")).count)
        #expect(json["path"] as? String == out)
        #expect((json["sm3"] as? String)?.count == 64)
        #expect(json["font"] as? String == "AR PL UMing CN")
        #expect(try directory.read("contract.ofd") != first, "--force replaced it (a new DocID)")
        let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
        #expect(mode == 0o644)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted() == ["contract.ofd", "contract.txt"])
    }

    @Test("text that is not UTF-8, a missing file and a character the font lacks exit 1 with a message naming the problem; nothing is written")
    func refusals() throws {
        let directory = try TemporaryDirectory()
        let latin1 = try directory.write("latin1.txt", [0x63, 0x61, 0x66, 0xE9, 0x0A])
        let out = directory.path("out.ofd")
        let notUTF8 = try SealStationCLI.run(["ofd", "from-text", latin1, "--out", out])
        #expect(notUTF8.status == 1)
        #expect(notUTF8.stderr.contains("not UTF-8") && notUTF8.stderr.contains("line 1"), "\(notUTF8.stderr)")
        let emoji = try directory.write("emoji.txt", text: "好\n😀\n")
        let missingGlyph = try SealStationCLI.run(["ofd", "from-text", emoji, "--out", out])
        #expect(missingGlyph.status == 1)
        #expect(missingGlyph.stderr.contains("line 2") && missingGlyph.stderr.contains("U+1F600"), "\(missingGlyph.stderr)")
        let missing = try SealStationCLI.run(["ofd", "from-text", directory.path("nothing.txt"), "--out", out])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nothing.txt"), "\(missing.stderr)")
        let big = try directory.write("big.txt", [UInt8](repeating: 0x61, count: (1 << 20) + 1))
        let tooBig = try SealStationCLI.run(["ofd", "from-text", big, "--out", out])
        #expect(tooBig.status == 1)
        #expect(tooBig.stderr.contains("1 MiB"), "\(tooBig.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
