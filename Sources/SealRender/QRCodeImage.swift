internal import CCairo
internal import CQREncode

/// A QR code (libqrencode, 8-bit mode, error correction M) drawn as a PNG with cairo: black modules on white, a
/// four-module quiet zone, `pixelsPerModule` pixels per module, and the pHYs of `dpi`.
public enum QRCodeImage {
    /// PNG bytes of a QR code holding `payload`.
    public static func png(_ payload: [UInt8], pixelsPerModule: Int = 8, dpi: Double = 300) throws -> [UInt8] {
        guard let code = payload.withUnsafeBufferPointer({ QRcode_encodeData(Int32($0.count), $0.baseAddress, 0, QR_ECLEVEL_M) }) else {
            throw SealRenderError.drawing(operation: "QRcode_encodeData", status: "the payload (\(payload.count) bytes) does not fit one QR symbol")
        }
        defer { QRcode_free(code) }
        let modules = Int(code.pointee.width), quiet = 4
        let side = Int32((modules + 2 * quiet) * pixelsPerModule)
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side) else {
            throw SealRenderError.drawing(operation: "cairo_image_surface_create", status: "null")
        }
        defer { cairo_surface_destroy(surface) }
        guard let cr = cairo_create(surface) else { throw SealRenderError.drawing(operation: "cairo_create", status: "null") }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE)
        for y in 0..<modules {
            for x in 0..<modules where code.pointee.data[y * modules + x] & 1 == 1 {
                cairo_rectangle(cr, Double((x + quiet) * pixelsPerModule), Double((y + quiet) * pixelsPerModule),
                                Double(pixelsPerModule), Double(pixelsPerModule))
            }
        }
        cairo_fill(cr)
        cairo_destroy(cr)
        let sink = CairoCanvas.Sink()
        let status = cairo_surface_write_to_png_stream(surface, CairoCanvas.write, Unmanaged.passUnretained(sink).toOpaque())
        guard status == CAIRO_STATUS_SUCCESS else {
            throw SealRenderError.drawing(operation: "cairo_surface_write_to_png_stream", status: String(cString: cairo_status_to_string(status)))
        }
        return try PNGPhysicalSize.insert(into: sink.bytes, dpi: dpi)
    }
}
