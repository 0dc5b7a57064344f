internal import CCairo
import Foundation

/// Draws a `SealLayout` with cairo in millimetre user space; the one drawing path behind every output format.
enum CairoCanvas {
    /// Fills the layout's border, star and glyphs (all as paths: no font is embedded anywhere).
    static func draw(_ layout: SealLayout, faces: [FontRole: FontFace], on cr: OpaquePointer) {
        cairo_set_source_rgba(cr, Double(layout.red) / 255, Double(layout.green) / 255, Double(layout.blue) / 255, 1)
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING)
        if let border = layout.border {
            switch border {
            case .ellipse(let cx, let cy, let rx, let ry, let width):
                cairo_save(cr)
                cairo_translate(cr, cx, cy)
                cairo_scale(cr, rx, ry)
                cairo_new_path(cr)
                cairo_arc(cr, 0, 0, 1, 0, 2 * .pi)
                cairo_restore(cr)
                cairo_set_line_width(cr, width)
                cairo_stroke(cr)
            case .rectangle(let x, let y, let width, let height, let strokeWidth):
                cairo_rectangle(cr, x, y, width, height)
                cairo_set_line_width(cr, strokeWidth)
                cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER)
                cairo_stroke(cr)
            }
        }
        if let first = layout.star.first {
            cairo_move_to(cr, first.x, first.y)
            for point in layout.star.dropFirst() { cairo_line_to(cr, point.x, point.y) }
            cairo_close_path(cr)
            cairo_fill(cr)
        }
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        defer { cairo_font_options_destroy(options) }
        for glyph in layout.glyphs {
            guard let face = faces[glyph.role] else { continue }
            cairo_save(cr)
            cairo_set_font_face(cr, face.cairoFace)
            cairo_set_font_options(cr, options)
            cairo_translate(cr, glyph.centerX, glyph.centerY)
            cairo_rotate(cr, glyph.rotation)
            cairo_scale(cr, glyph.xScale, glyph.yScale)
            cairo_set_font_size(cr, glyph.emSizeMM)
            var cairoGlyph = cairo_glyph_t(
                index: UInt(glyph.glyphIndex), x: -glyph.advanceEm * glyph.emSizeMM / 2,
                y: glyph.centerAboveBaselineEm * glyph.emSizeMM)
            cairo_new_path(cr)
            cairo_glyph_path(cr, &cairoGlyph, 1)
            cairo_restore(cr)  // the path stays, in device space
            cairo_fill(cr)
        }
    }

    /// Collects what cairo writes to a stream.
    final class Sink {
        var bytes: [UInt8] = []
    }

    static let write: cairo_write_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue()
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        return CAIRO_STATUS_SUCCESS
    }

    static func check(_ surface: OpaquePointer, _ operation: String) throws {
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw SealRenderError.drawing(operation: operation, status: String(cString: cairo_status_to_string(status)))
        }
    }

    /// PNG bytes at `dpi` (transparent background), with the pHYs chunk of `dpi`.
    static func png(_ layout: SealLayout, faces: [FontRole: FontFace], dpi: Double) throws -> [UInt8] {
        let scale = dpi / 25.4
        let width = Int32((layout.widthMM * scale).rounded(.up)), height = Int32((layout.heightMM * scale).rounded(.up))
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height) else {
            throw SealRenderError.drawing(operation: "cairo_image_surface_create", status: "null")
        }
        defer { cairo_surface_destroy(surface) }
        try check(surface, "cairo_image_surface_create")
        guard let cr = cairo_create(surface) else { throw SealRenderError.drawing(operation: "cairo_create", status: "null") }
        cairo_scale(cr, scale, scale)
        draw(layout, faces: faces, on: cr)
        cairo_destroy(cr)
        cairo_surface_flush(surface)
        try check(surface, "drawing")
        guard let data = cairo_image_surface_get_data(surface) else {
            throw SealRenderError.drawing(operation: "cairo_image_surface_get_data", status: "null")
        }
        return try PNGEncoder.encode(
            argb32: UnsafePointer(data), width: Int(width), height: Int(height),
            stride: Int(cairo_image_surface_get_stride(surface)), dpi: dpi)
    }

    /// SVG bytes in millimetres (`width="42mm"`, viewBox in mm), pure paths.
    static func svg(_ layout: SealLayout, faces: [FontRole: FontFace]) throws -> [UInt8] {
        let sink = Sink()
        guard let surface = cairo_svg_surface_create_for_stream(
            write, Unmanaged.passUnretained(sink).toOpaque(), layout.widthMM, layout.heightMM)
        else { throw SealRenderError.drawing(operation: "cairo_svg_surface_create_for_stream", status: "null") }
        cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_MM)
        try drawVector(layout, faces: faces, on: surface, scale: 1, name: "SVG surface")
        return sink.bytes
    }

    /// PDF bytes at true physical size (points = mm × 72/25.4), with a fixed creation date for reproducibility.
    static func pdf(_ layout: SealLayout, faces: [FontRole: FontFace]) throws -> [UInt8] {
        let sink = Sink()
        let points = 72 / 25.4
        guard let surface = cairo_pdf_surface_create_for_stream(
            write, Unmanaged.passUnretained(sink).toOpaque(), layout.widthMM * points, layout.heightMM * points)
        else { throw SealRenderError.drawing(operation: "cairo_pdf_surface_create_for_stream", status: "null") }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "SealStation")
        try drawVector(layout, faces: faces, on: surface, scale: points, name: "PDF surface")
        return sink.bytes
    }

    /// Draws on a vector surface (taking ownership of it), finishes it so the stream is complete, and checks it.
    private static func drawVector(
        _ layout: SealLayout, faces: [FontRole: FontFace], on surface: OpaquePointer, scale: Double, name: String
    ) throws {
        defer { cairo_surface_destroy(surface) }
        guard let cr = cairo_create(surface) else { throw SealRenderError.drawing(operation: "cairo_create", status: "null") }
        cairo_scale(cr, scale, scale)
        draw(layout, faces: faces, on: cr)
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        try check(surface, name)
    }
}
