import Foundation
import SealTestSupport
import Testing

@Suite("sealstation render")
struct RenderCommandTests {
    @Test("two renders in separate processes are byte-identical, and the printed SM3 is that of each file")
    func reproducible() throws {
        let directory = try TemporaryDirectory()
        var digests: [[String]] = []
        for run in ["a", "b"] {
            let result = try SealStationCLI.run([
                "render", "--template", "invoice-40x30", "--name", "北京某某科技发展有限公司", "--tax-number", "91110108MA00000070",
                "--serial", "(1)", "--out", directory.path(run), "--json",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let files = try #require(try SealStationCLI.json(result)["files"] as? [[String: Any]])
            digests.append(files.map { $0["sm3"] as! String })
            #expect(files.count == 3)
        }
        #expect(digests[0] == digests[1])
        for format in ["svg", "png", "pdf"] {
            #expect(try directory.read("a.\(format)") == directory.read("b.\(format)"), "\(format) differs")
        }
        let sm3 = try ExternalTool.run("openssl", ["dgst", "-sm3", "-r", directory.path("a.png")])
        #expect(sm3.stdout.hasPrefix(digests[0][1]))
    }

    @Test("bad input exits 1 naming the problem; the gallery writes every template with an index")
    func errorsAndGallery() throws {
        let directory = try TemporaryDirectory()
        let empty = try SealStationCLI.run(["render", "--template", "round-42", "--name", "", "--out", directory.path("x")])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("name is empty"))
        let code = try SealStationCLI.run(["render", "--template", "round-42", "--name", "某公司", "--code", "12AB", "--out", directory.path("y")])
        #expect(code.status == 1)
        #expect(code.stderr.contains("13 digits"))
        let unknown = try SealStationCLI.run(["render", "--template", "hexagon", "--name", "某公司", "--out", directory.path("z")])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("available: "))
        let gallery = try SealStationCLI.run(["render", "--gallery", directory.path("gallery"), "--dpi", "150"])
        #expect(gallery.status == 0, "\(gallery.stderr)")
        let index = try String(decoding: directory.read("gallery/index.html"), as: UTF8.self)
        #expect(index.contains("fonts-noto-cjk") && index.contains("fonts-liberation2") && index.contains("libcairo2"))
        // Relocatable: a second gallery elsewhere has the same index, byte for byte (paths relative to the gallery).
        let second = try SealStationCLI.run(["render", "--gallery", directory.path("elsewhere/gallery-2"), "--dpi", "150"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try directory.read("gallery/index.json") == directory.read("elsewhere/gallery-2/index.json"))
        #expect(try directory.read("gallery/index.html") == directory.read("elsewhere/gallery-2/index.html"))
        #expect(!String(decoding: try directory.read("gallery/index.json"), as: UTF8.self).contains(directory.url.path))
        let listed = try SealStationCLI.run(["render", "--list", "--json"])
        let templates = try #require(try JSONSerialization.jsonObject(with: listed.standardOutput) as? [[String: Any]])
        for template in templates {
            let id = template["id"] as! String
            for format in ["png", "svg", "pdf"] {
                #expect(FileManager.default.fileExists(atPath: directory.path("gallery/\(id).\(format)")), "\(id).\(format)")
            }
        }
        #expect(templates.count >= 10)
    }
}
