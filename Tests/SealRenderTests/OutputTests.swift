import Foundation
import SealRender
import SealTestSupport
import Testing

@Suite("Seal image outputs and bad input")
struct OutputTests {
    @Test("PNG carries pHYs for its dpi and a transparent corner; SVG is pure paths in mm; the PDF embeds no font")
    func formats() throws {
        let fixture = try RenderFixture()
        let (_, layout) = try fixture.sampleLayout("invoice-40x30")
        let png = try fixture.renderer.render(layout, format: .png, dpi: 600)
        // IHDR is followed by pHYs: 23622 pixels per metre both ways, unit metre.
        #expect(Array(png[37..<41]) == Array("pHYs".utf8))
        let ppm = png[41..<45].reduce(0) { $0 << 8 | Int($1) }
        #expect(ppm == 23622)
        #expect(png[49] == 1)
        let image = try RasterImage(png: png)
        #expect(image.width == 945 && image.height == 709)  // 40 × 30 mm at 600 dpi, rounded up
        #expect(image.alpha(0, 0) == 0)

        let svg = String(decoding: try fixture.renderer.render(layout, format: .svg), as: UTF8.self)
        #expect(svg.contains(#"width="40mm" height="30mm" viewBox="0 0 40 30""#))
        #expect(!svg.contains("<text") && !svg.contains("<font") && !svg.contains("<use"))
        #expect(svg.components(separatedBy: "<path").count - 1 == layout.glyphs.count + 1)

        let directory = try TemporaryDirectory()
        try directory.write("seal.pdf", try fixture.renderer.render(layout, format: .pdf))
        let fonts = try ExternalTool.run("pdffonts", [directory.path("seal.pdf")])
        #expect(fonts.succeeded, "\(fonts.stderr)")
        #expect(fonts.stdout.split(separator: "\n").count == 2, "fonts embedded: \(fonts.stdout)")  // header lines only
        let info = try ExternalTool.run("pdfinfo", [directory.path("seal.pdf")])
        #expect(info.stdout.contains("113.386 x 85.0394 pts"), "\(info.stdout)")  // 40 × 30 mm
    }

    @Test("bad content is refused, naming the problem")
    func badInput() throws {
        let fixture = try RenderFixture()
        let round = try fixture.library.template("round-42")
        #expect(throws: SealRenderError.emptyText(field: "name")) {
            try fixture.renderer.layout(round, content: SealContent(["name": "  "]))
        }
        #expect(throws: SealRenderError.characterNotInFont(character: "\u{E000}", field: "name", font: "Noto Serif CJK SC")) {
            try fixture.renderer.layout(round, content: SealContent(["name": "北京\u{E000}公司"]))
        }
        do {
            _ = try fixture.renderer.layout(round, content: SealContent(["name": String(repeating: "北京某某科技发展", count: 4)]))
            Issue.record("a 32-character name was accepted")
        } catch let error as SealRenderError {
            guard case .textTooLong(let field, let glyphs, _, let minimum) = error else { Issue.record("\(error)"); return }
            #expect(field == "name" && glyphs == 32 && minimum == 0.5)
        }
        #expect(throws: SealRenderError.malformedCode(field: "code", value: "12345", expected: "13 digits (印章编码)")) {
            try fixture.renderer.layout(round, content: SealContent(["name": "北京某某公司", "code": "12345"]))
        }
        let invoice = try fixture.library.template("invoice-40x30")
        #expect(throws: SealRenderError.self) {
            try fixture.renderer.layout(invoice, content: SealContent(["name": "某公司", "taxNumber": "91110108MA0000007I"]))
        }
        let square = try fixture.library.template("square-20")
        #expect(throws: SealRenderError.unsupportedGlyphCount(field: "name", count: 5, supported: [2, 3, 4])) {
            try fixture.renderer.layout(square, content: SealContent(["name": "欧阳小明印"]))
        }
    }

    @Test("square seals take 2, 3 and 4 characters, right column first")
    func squareLayouts() throws {
        let fixture = try RenderFixture()
        let square = try fixture.library.template("square-20")
        for name in ["张三", "张小明", "张三印", "张小明印"] {
            let layout = try fixture.renderer.layout(square, content: SealContent(["name": name]))
            #expect(layout.glyphs.count == name.count)
            // The first character is in the right column.
            #expect(layout.glyphs[0].centerX > square.widthMM / 2)
        }
    }

    @Test("a template added as a file is used without code changes")
    func userTemplate() throws {
        let directory = try TemporaryDirectory()
        try directory.write("oval-45x30.yaml", text: """
            id: oval-45x30
            title: 椭圆公章 45×30
            source: S8/S11 (中外合资 ellipse 45×30, no star)
            shape: ellipse
            widthMM: 45
            heightMM: 30
            borderMM: 1.2
            color: "#E60012"
            arcText: { field: name, font: song, heightMM: 4.8, gapMM: 0.6, minSpanDegrees: 200, maxSpanDegrees: 250, minXScale: 0.5 }
            sample: { name: 某某中外合资有限公司 }
            """)
        let library = try TemplateLibrary(directory: directory.url)
        let template = try library.template("oval-45x30")
        let renderer = try SealRenderer()
        let image = try RasterImage(png: renderer.render(renderer.layout(template, content: SealContent(template.sample)), format: .png))
        #expect(image.width == 1063)
        var colours = Set<[UInt8]>()
        for y in stride(from: 0, to: image.height, by: 3) {
            for x in stride(from: 0, to: image.width, by: 3) where image.alpha(x, y) == 255 {
                let (r, g, b, _) = image.rgba(x, y)
                colours.insert([r, g, b])
            }
        }
        #expect(colours == [[0xE6, 0x00, 0x12]])
        try directory.write("broken.yaml", text: "id: broken\nshape: hexagon\n")
        #expect(throws: SealRenderError.self) { try TemplateLibrary(directory: directory.url) }
    }

    @Test("a PNG whose header announces 0, 20,001, 2^31 or 2^32-1 pixels a side (or over 50 megapixels) is refused before it is decoded")
    func hostilePNGHeader() throws {
        let png = try QRCodeImage(text: "SEALSTATION").png(pixelsPerModule: 4, dpi: 96)
        let header = try PNGImageHeader(png)
        #expect(try QRCodeReader.decode(png: png) == [Array("SEALSTATION".utf8)])
        func withSize(_ width: UInt32, _ height: UInt32) -> [UInt8] {
            var bytes = png
            for (offset, value) in [(16, width), (20, height)] {
                for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (24 - 8 * UInt32(index))) }
            }
            return bytes
        }
        for (width, height) in [(UInt32(0), UInt32(header.height)), (20_001, 10), (1 << 31, 1), (UInt32.max, UInt32.max), (8_000, 8_000)] {
            #expect(throws: SealRenderError.self) { try PNGImageHeader(withSize(width, height)) }
            #expect(throws: SealRenderError.self) { try RasterImage(png: withSize(width, height)) }
            #expect(throws: SealRenderError.self) { try QRCodeReader.decode(png: withSize(width, height)) }
        }
        #expect(throws: SealRenderError.self) { try PNGImageHeader(Array(png.prefix(32))) }
        #expect(throws: SealRenderError.self) { try PNGImageHeader([0x00] + Array(png.dropFirst())) }
        // At the limits (20,000 × 2,500 pixels: 50 megapixels) the header is accepted.
        #expect(try PNGImageHeader(withSize(20_000, 2_500)).width == 20_000)
    }
}
