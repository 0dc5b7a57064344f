import Foundation
import SealTestSupport

/// PDFs for the stamping tests, written by PyMuPDF (a tool we did not write): A4 pages with a line of text each.
enum PDFDocuments {
    /// An outside tool that failed, with what it said.
    struct ToolFailure: Error, CustomStringConvertible {
        var tool: String
        var output: String
        var description: String { "\(tool) failed: \(output)" }
    }

    /// An A4 PDF of `pages` pages at `path`, each page rotated by `rotate` degrees; with object streams and a
    /// cross-reference stream when `objectStreams`.
    static func a4(_ path: String, pages: Int = 1, rotate: Int = 0, objectStreams: Bool = false) throws {
        let script = """
            import sys, pymupdf
            d = pymupdf.open()
            for i in range(int(sys.argv[2])):
                p = d.new_page(width=595.28, height=841.89)
                p.insert_text((72, 72), "Contract page %d" % (i + 1))
                p.set_rotation(int(sys.argv[3]))
            d.save(sys.argv[1], use_objstms=int(sys.argv[4]))
            """
        let result = try PythonTools.run(script: script, [path, String(pages), String(rotate), objectStreams ? "1" : "0"])
        guard result.succeeded else { throw ToolFailure(tool: "PyMuPDF", output: result.stderr) }
    }

    /// The horizontal and vertical extent, in mm, of the red ink (R > 150, G and B < 110) that `pdftoppm -r 254`
    /// renders of page `page` (10 pixels per mm), or nil when there is none.
    static func redExtent(_ path: String, page: Int, in directory: TemporaryDirectory) throws -> (width: Double, height: Double)? {
        let prefix = directory.path("render-\(UUID().uuidString)")
        let rendered = try ExternalTool.run("pdftoppm", ["-r", "254", "-f", "\(page)", "-l", "\(page)", "-png", "-singlefile", path, prefix])
        guard rendered.succeeded else { throw ToolFailure(tool: "pdftoppm", output: rendered.stderr) }
        return try redExtent(png: prefix + ".png", pixelsPerMM: 10)
    }

    /// The box, in mm from the shown page's top-left corner, of the red (`red`) or black ink on page 1 of `path` as
    /// `pdftoppm -r 254` renders it.
    static func inkBox(_ path: String, red: Bool, in directory: TemporaryDirectory) throws -> (midX: Double, midY: Double, width: Double, height: Double)? {
        let prefix = directory.path("render-\(UUID().uuidString)")
        let rendered = try ExternalTool.run("pdftoppm", ["-r", "254", "-f", "1", "-l", "1", "-png", "-singlefile", path, prefix])
        guard rendered.succeeded else { throw ToolFailure(tool: "pdftoppm", output: rendered.stderr) }
        let script = """
            import sys
            from PIL import Image
            im = Image.open(sys.argv[1]).convert("RGB")
            px = im.load()
            w, h = im.size
            red = sys.argv[2] == "red"
            xs, ys = [], []
            for y in range(h):
                for x in range(w):
                    r, g, b = px[x, y]
                    if (r > 150 and g < 110 and b < 110) if red else (r < 80 and g < 80 and b < 80):
                        xs.append(x); ys.append(y)
            print("%f %f %d %d" % ((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2, max(xs) - min(xs) + 1, max(ys) - min(ys) + 1) if xs else "none")
            """
        let result = try PythonTools.run(script: script, [prefix + ".png", red ? "red" : "black"])
        guard result.succeeded else { throw ToolFailure(tool: "Pillow", output: result.stderr) }
        let parts = result.stdout.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard parts.count == 4 else { return nil }
        return (parts[0] / 10, parts[1] / 10, parts[2] / 10, parts[3] / 10)
    }

    /// The red ink's extent in mm of the PNG at `path` drawn at `pixelsPerMM`.
    static func redExtent(png path: String, pixelsPerMM: Double) throws -> (width: Double, height: Double)? {
        let script = """
            import sys
            from PIL import Image
            im = Image.open(sys.argv[1]).convert("RGBA")
            bg = Image.new("RGBA", im.size, (255, 255, 255, 255))
            bg.alpha_composite(im)
            px = bg.load()
            w, h = bg.size
            xs, ys = [], []
            for y in range(h):
                for x in range(w):
                    r, g, b, a = px[x, y]
                    if r > 150 and g < 110 and b < 110:
                        xs.append(x); ys.append(y)
            print("%d %d" % (max(xs) - min(xs) + 1, max(ys) - min(ys) + 1) if xs else "none")
            """
        let result = try PythonTools.run(script: script, [path])
        guard result.succeeded else { throw ToolFailure(tool: "Pillow", output: result.stderr) }
        let parts = result.stdout.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard parts.count == 2 else { return nil }
        return (parts[0] / pixelsPerMM, parts[1] / pixelsPerMM)
    }
}
