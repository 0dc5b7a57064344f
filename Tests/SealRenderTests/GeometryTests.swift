import Foundation
import SealRender
import SealTestSupport
import Testing

/// Geometry measured on the rendered 600-dpi PNG, against the template.
@Suite("Seal geometry measured on the PNG")
struct GeometryTests {
    static let dpi = 600.0
    static let pxPerMM = dpi / 25.4

    /// The bounding box of ink: (minX, minY, maxX, maxY) in pixels, inclusive.
    func inkBox(_ image: RasterImage, where include: (Int, Int) -> Bool = { _, _ in true }) -> (Int, Int, Int, Int) {
        var box = (Int.max, Int.max, Int.min, Int.min)
        for y in 0..<image.height {
            for x in 0..<image.width where image.alpha(x, y) > 0 && include(x, y) {
                box = (min(box.0, x), min(box.1, y), max(box.2, x), max(box.3, y))
            }
        }
        return box
    }

    @Test("outer size, ring width, star size and centre, transparency and colour", arguments: [
        "round-42", "round-40", "government-45", "government-50", "government-60", "special-40", "special-38",
    ])
    func roundSeal(id: String) throws {
        let fixture = try RenderFixture()
        let (template, layout) = try fixture.sampleLayout(id)
        let image = try RasterImage(png: fixture.renderer.render(layout, format: .png, dpi: Self.dpi))
        let diameter = template.widthMM * Self.pxPerMM
        let box = inkBox(image)
        // Outer diameter: the ink box spans the diameter (within 1 px).
        #expect(abs(Double(box.2 - box.0 + 1) - diameter) <= 1, "width \(box.2 - box.0 + 1) vs \(diameter)")
        #expect(abs(Double(box.3 - box.1 + 1) - diameter) <= 1, "height \(box.3 - box.1 + 1) vs \(diameter)")
        let cx = template.widthMM / 2 * Self.pxPerMM, cy = template.heightMM / 2 * Self.pxPerMM
        // Ring width on the horizontal through the centre, from the left edge: ink of at least half coverage.
        let row = Int(cy)
        let ring = (0..<image.width).drop { image.alpha($0, row) < 128 }.prefix { image.alpha($0, row) >= 128 }.count
        #expect(abs(Double(ring) - template.borderMM * Self.pxPerMM) <= 1, "ring \(ring) px")
        // Star: ink inside a circle a little larger than the star.
        if let star = template.star {
            let r = star.diameterMM / 2 * Self.pxPerMM
            let starCY = cy + star.offsetBelowMM * Self.pxPerMM
            let starBox = inkBox(image) { x, y in hypot(Double(x) + 0.5 - cx, Double(y) + 0.5 - starCY) < r + 0.6 * Self.pxPerMM }
            let centreX = Double(starBox.0 + starBox.2 + 1) / 2
            #expect(abs(centreX - cx) <= 1, "star centre x \(centreX) vs \(cx)")
            #expect(abs(Double(starBox.1) - (starCY - r)) <= 1, "star top \(starBox.1) vs \(starCY - r)")
            // A regular pentagram with circumradius r is 1.902 r wide and 1.809 r tall.
            #expect(abs(Double(starBox.2 - starBox.0 + 1) - 1.902 * r) <= 1.5, "star width")
            #expect(abs(Double(starBox.3 - starBox.1 + 1) - 1.809 * r) <= 1.5, "star height")
        }
        // Outside the outer edge: fully transparent. Every inked pixel: seal red.
        let outer = diameter / 2
        for y in 0..<image.height {
            for x in 0..<image.width {
                let (r, g, b, a) = image.rgba(x, y)
                if hypot(Double(x) + 0.5 - cx, Double(y) + 0.5 - cy) > outer + 1 {
                    #expect(a == 0, "ink outside the seal at \(x),\(y)")
                }
                if a > 0 && (r != 255 || g != 0 || b != 0) {
                    Issue.record("pixel \(x),\(y) is (\(r),\(g),\(b)) — not seal red")
                    return
                }
            }
        }
    }

    @Test("the invoice ellipse: axes and border within 1 px")
    func invoice() throws {
        let fixture = try RenderFixture()
        let (template, layout) = try fixture.sampleLayout("invoice-40x30")
        let image = try RasterImage(png: fixture.renderer.render(layout, format: .png, dpi: Self.dpi))
        let box = inkBox(image)
        #expect(abs(Double(box.2 - box.0 + 1) - 40 * Self.pxPerMM) <= 1)
        #expect(abs(Double(box.3 - box.1 + 1) - 30 * Self.pxPerMM) <= 1)
        let row = Int(template.heightMM / 2 * Self.pxPerMM)
        let ring = (0..<image.width).drop { image.alpha($0, row) < 128 }.prefix { image.alpha($0, row) >= 128 }.count
        #expect(abs(Double(ring) - Self.pxPerMM) <= 1, "border \(ring) px")
        let column = Int(template.widthMM / 2 * Self.pxPerMM)
        let top = (0..<image.height).drop { image.alpha(column, $0) < 128 }.prefix { image.alpha(column, $0) >= 128 }.count
        #expect(abs(Double(top) - Self.pxPerMM) <= 1, "border at the top \(top) px")
    }

    @Test("no glyph touches the border, the star or another glyph", arguments: [
        "round-42", "round-40", "government-42", "government-60", "special-40", "special-38", "invoice-40x30",
        "square-20", "square-18-noframe",
    ])
    func nothingTouches(id: String) throws {
        let fixture = try RenderFixture()
        let (_, layout) = try fixture.sampleLayout(id)
        let dpi = 300.0  // 0.085 mm per pixel; touching is judged with a one-pixel margin
        var frame = layout
        frame.glyphs = []
        var parts: [(String, [Bool])] = [("border and star", RenderFixture.mask(try RasterImage(png: fixture.renderer.render(frame, format: .png, dpi: dpi))))]
        for (index, glyph) in layout.glyphs.enumerated() {
            var single = layout
            single.border = nil
            single.star = []
            single.glyphs = [glyph]
            parts.append(("\(glyph.field)[\(index)] \(glyph.character)", RenderFixture.mask(try RasterImage(png: fixture.renderer.render(single, format: .png, dpi: dpi)))))
        }
        let width = Int((layout.widthMM * dpi / 25.4).rounded(.up)), height = Int((layout.heightMM * dpi / 25.4).rounded(.up))
        // Grow each part by one pixel, then no two parts may share a pixel.
        func grown(_ mask: [Bool]) -> [Bool] {
            var out = mask
            for y in 0..<height {
                for x in 0..<width where mask[y * width + x] {
                    for dy in -1...1 {
                        for dx in -1...1 {
                            let nx = x + dx, ny = y + dy
                            if nx >= 0, ny >= 0, nx < width, ny < height { out[ny * width + nx] = true }
                        }
                    }
                }
            }
            return out
        }
        var owner = [Int](repeating: -1, count: width * height)
        for (index, part) in parts.enumerated() {
            let mask = index == 0 ? part.1 : grown(part.1)
            for pixel in 0..<(width * height) where mask[pixel] {
                if owner[pixel] >= 0 && owner[pixel] != index {
                    Issue.record("\(id): \(part.0) touches \(parts[owner[pixel]].0) at pixel \(pixel % width),\(pixel / width)")
                    return
                }
                owner[pixel] = index
            }
        }
    }

    @Test("rsvg-convert of our SVG has the same outer geometry as our PNG", arguments: ["round-42", "invoice-40x30", "square-20"])
    func svgMatches(id: String) throws {
        let fixture = try RenderFixture()
        let (_, layout) = try fixture.sampleLayout(id)
        let directory = try TemporaryDirectory()
        try directory.write("seal.svg", fixture.renderer.render(layout, format: .svg))
        let converted = try ExternalTool.run("rsvg-convert", ["-d", "600", "-p", "600", directory.path("seal.svg"), "-o", directory.path("rsvg.png")])
        #expect(converted.succeeded, "\(converted.stderr)")
        let ours = inkBox(try RasterImage(png: fixture.renderer.render(layout, format: .png, dpi: 600)))
        let theirs = inkBox(try RasterImage(png: directory.read("rsvg.png")))
        #expect(abs(ours.0 - theirs.0) <= 1 && abs(ours.1 - theirs.1) <= 1, "\(ours) vs \(theirs)")
        #expect(abs(ours.2 - theirs.2) <= 1 && abs(ours.3 - theirs.3) <= 1, "\(ours) vs \(theirs)")
    }
}
