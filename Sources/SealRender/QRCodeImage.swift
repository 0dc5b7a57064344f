internal import CCairo
internal import CQREncode
import Foundation

/// A QR code (libqrencode, 8-bit mode, error correction M): its modules, and drawn as PNG (cairo, black on white, a
/// four-module quiet zone, pHYs) or SVG (one path, in millimetres).
public struct QRCodeImage: Sendable {
    /// Modules per side (without the quiet zone).
    public let size: Int
    /// The symbol version (1–40).
    public let version: Int
    /// Dark modules, row-major.
    public let dark: [Bool]
    /// The quiet zone, in modules.
    public static let quietZone = 4

    /// The symbol holding `payload`.
    /// - Throws: `SealRenderError.drawing` when the payload does not fit one symbol at level M (2,331 bytes).
    public init(_ payload: [UInt8]) throws {
        guard let code = payload.withUnsafeBufferPointer({ QRcode_encodeData(Int32($0.count), $0.baseAddress, 0, QR_ECLEVEL_M) }) else {
            throw SealRenderError.drawing(operation: "QRcode_encodeData", status: "the payload (\(payload.count) bytes) does not fit one QR symbol")
        }
        self.init(taking: code)
    }

    /// The symbol holding `text` at `level` (L, M, Q or H), in the densest modes its characters allow: an upper-case
    /// UR (digits, A–Z, ':', '/', '-') is all alphanumeric mode, 5.5 bits a character instead of 8.
    public init(text: String, level: Character = "L") throws {
        let ecLevel: QRecLevel
        switch level {
        case "M": ecLevel = QR_ECLEVEL_M
        case "Q": ecLevel = QR_ECLEVEL_Q
        case "H": ecLevel = QR_ECLEVEL_H
        default: ecLevel = QR_ECLEVEL_L
        }
        guard !text.utf8.contains(0), let code = QRcode_encodeString(text, 0, ecLevel, QR_MODE_8, 1) else {
            throw SealRenderError.drawing(operation: "QRcode_encodeString", status: "the text (\(text.utf8.count) characters) does not fit one QR symbol")
        }
        self.init(taking: code)
    }

    /// Copies the modules of `code` and frees it.
    private init(taking code: UnsafeMutablePointer<QRcode>) {
        defer { QRcode_free(code) }
        size = Int(code.pointee.width)
        version = Int(code.pointee.version)
        dark = (0..<(size * size)).map { code.pointee.data[$0] & 1 == 1 }
    }

    /// PNG bytes of a QR code holding `payload`.
    public static func png(_ payload: [UInt8], pixelsPerModule: Int = 8, dpi: Double = 300) throws -> [UInt8] {
        try QRCodeImage(payload).png(pixelsPerModule: pixelsPerModule, dpi: dpi)
    }

    /// The symbol as a PNG: `pixelsPerModule` pixels a module, `dpi` in pHYs.
    public func png(pixelsPerModule: Int = 8, dpi: Double = 300) throws -> [UInt8] {
        let quiet = Self.quietZone
        let side = Int32((size + 2 * quiet) * pixelsPerModule)
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side) else {
            throw SealRenderError.drawing(operation: "cairo_image_surface_create", status: "null")
        }
        defer { cairo_surface_destroy(surface) }
        guard let cr = cairo_create(surface) else { throw SealRenderError.drawing(operation: "cairo_create", status: "null") }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE)
        cairo_scale(cr, Double(pixelsPerModule), Double(pixelsPerModule))
        draw(on: cr, x: Double(quiet), y: Double(quiet))
        cairo_destroy(cr)
        let sink = CairoCanvas.Sink()
        let status = cairo_surface_write_to_png_stream(surface, CairoCanvas.write, Unmanaged.passUnretained(sink).toOpaque())
        guard status == CAIRO_STATUS_SUCCESS else {
            throw SealRenderError.drawing(operation: "cairo_surface_write_to_png_stream", status: String(cString: cairo_status_to_string(status)))
        }
        return try PNGPhysicalSize.insert(into: sink.bytes, dpi: dpi)
    }

    /// The symbol as SVG, `moduleMM` millimetres a module, quiet zone included: one path of horizontal runs.
    public func svg(moduleMM: Double) -> [UInt8] {
        let total = size + 2 * Self.quietZone
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard dark[y * size + x] else {
                    x += 1
                    continue
                }
                var run = 1
                while x + run < size && dark[y * size + x + run] { run += 1 }
                path += "M\(x + Self.quietZone) \(y + Self.quietZone)h\(run)v1h-\(run)z"
                x += run
            }
        }
        let width = String(format: "%.3f", Double(total) * moduleMM)
        return Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)mm" height="\(width)mm" viewBox="0 0 \(total) \(total)" shape-rendering="crispEdges">
            <rect width="\(total)" height="\(total)" fill="#fff"/>
            <path fill="#000" d="\(path)"/>
            </svg>

            """.utf8)
    }

    /// Fills the dark modules in user space, one unit a module, the symbol's corner at (x, y) (quiet zone outside).
    func draw(on cr: OpaquePointer, x: Double, y: Double) {
        cairo_set_source_rgb(cr, 0, 0, 0)
        for row in 0..<size {
            for column in 0..<size where dark[row * size + column] {
                cairo_rectangle(cr, x + Double(column), y + Double(row), 1, 1)
            }
        }
        cairo_fill(cr)
    }
}
