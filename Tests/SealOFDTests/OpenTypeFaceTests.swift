import Foundation
import SealFonts
import SealTestSupport
import Testing

/// SealFonts over the real AR PL UMing file (fonts-arphic-uming) and HarfBuzz: the face found by family in the .ttc,
/// advances, and hb-subset subsets that are standalone single-face TrueType files (read back by HarfBuzz and by
/// fontTools, a parser we did not write).
@Suite("OpenTypeFace: the Song face, advances, hb-subset")
struct OpenTypeFaceTests {
    @Test("the Song face is AR PL UMing CN, face 0 of uming.ttc, with full-width CJK and half-width Latin advances")
    func songFace() throws {
        let face = try FontSource.songTrueType.open()
        #expect(face.familyName == "AR PL UMing CN")
        #expect(face.faceIndex == 0)
        #expect(face.origin == "/usr/share/fonts/truetype/arphic/uming.ttc")
        #expect(face.unitsPerEm > 0)
        #expect(face.glyphCount > 20_000)
        let glyphs = face.glyphs(for: "印章A 。")
        #expect(glyphs.map(\.scalar) == Array("印章A 。".unicodeScalars))
        #expect(glyphs.allSatisfy { $0.id != nil })
        #expect(glyphs[0].advance == face.unitsPerEm && glyphs[1].advance == face.unitsPerEm)
        #expect(glyphs[2].advance == face.unitsPerEm / 2)
        // A scalar the face lacks (an emoji) has no glyph.
        #expect(face.glyph(for: "\u{1F600}") == nil)
        #expect(face.advance(of: "\u{1F600}") == nil)
    }

    @Test("a subset of a .ttc face is one standalone TrueType face with exactly the asked glyphs and the same advances")
    func subsetIsStandalone() throws {
        let face = try FontSource.songTrueType.open()
        let text = "电子印章 OFD"
        let bytes = try face.subset(codepoints: text.unicodeScalars)
        // An sfnt with TrueType outlines (0x00010000), not a collection ('ttcf') and not CFF ('OTTO').
        #expect(Array(bytes.prefix(4)) == [0x00, 0x01, 0x00, 0x00])
        #expect(bytes.count < 64 << 10, "\(bytes.count) bytes for 8 characters")
        let back = try OpenTypeFace(bytes: bytes, origin: "the subset")
        #expect(back.familyName == "AR PL UMing CN")
        #expect(back.unitsPerEm == face.unitsPerEm)
        #expect(back.glyphCount < 20)
        for scalar in text.unicodeScalars {
            #expect(back.advance(of: scalar) == face.advance(of: scalar), "\(scalar)")
        }
        #expect(back.glyph(for: "宋") == nil)
        #expect(throws: FontError.faceIndexOutOfRange(path: "the subset", index: 1, count: 1)) {
            try OpenTypeFace(bytes: bytes, origin: "the subset", faceIndex: 1)
        }

        // fontTools reads it as a single TrueType font with glyf outlines and a cmap of exactly those characters.
        let directory = try TemporaryDirectory()
        let path = try directory.write("subset.ttf", bytes)
        let script = """
            import sys, json
            from fontTools.ttLib import TTFont
            font = TTFont(sys.argv[1])
            cmap = font.getBestCmap()
            print(json.dumps({"glyf": "glyf" in font, "cff": "CFF " in font, "cmap": sorted(cmap), "glyphs": len(font.getGlyphOrder())}))
            """
        let result = try PythonTools.run(script: script, [path])
        #expect(result.succeeded, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: result.standardOutput) as? [String: Any])
        #expect(report["glyf"] as? Bool == true)
        #expect(report["cff"] as? Bool == false)
        #expect(report["cmap"] as? [Int] == Set(text.unicodeScalars.map { Int($0.value) }).sorted())
    }

    @Test("a missing font names the Debian package; other files and face indexes are refused with their own errors")
    func errors() throws {
        let missing = FontSource(path: "/nonexistent/uming.ttc", family: "AR PL UMing CN", debianPackage: "fonts-arphic-uming")
        #expect(throws: FontError.fontMissing(path: "/nonexistent/uming.ttc", package: "fonts-arphic-uming")) { try missing.open() }
        #expect("\(FontError.fontMissing(path: "/x.ttc", package: "fonts-arphic-uming"))".contains("install the Debian package fonts-arphic-uming"))
        let wrongFamily = FontSource(path: FontSource.songTrueType.path, family: "SimSun", debianPackage: "fonts-arphic-uming")
        #expect(throws: FontError.familyMissing(path: FontSource.songTrueType.path, family: "SimSun")) { try wrongFamily.open() }
        #expect(throws: FontError.faceIndexOutOfRange(path: FontSource.songTrueType.path, index: 4, count: 4)) {
            try OpenTypeFace(path: FontSource.songTrueType.path, faceIndex: 4)
        }
        #expect(throws: FontError.unreadable(path: "text")) { try OpenTypeFace(bytes: Array("not a font at all".utf8), origin: "text") }
        #expect(throws: FontError.unreadable(path: "/etc/hostname")) { try OpenTypeFace(path: "/etc/hostname") }
    }
}
