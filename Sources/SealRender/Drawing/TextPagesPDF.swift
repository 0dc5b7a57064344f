internal import CCairo
import Foundation

extension SealRenderer {
    /// A plain A4 PDF of text pages, set in the Song face (cairo embeds the subset it uses, with a ToUnicode map, so
    /// readers can find and copy the text): each element of `pages` is one page's lines, from 25 mm below the top at
    /// 4.5 mm per 12-point line, 25 mm from the left; a title line in 18 points opens the first page. For documents to
    /// stamp (the demo's contract), not for the filing sheet.
    /// - Throws: ``SealRenderError`` when the Song face is missing or cairo fails.
    public func textPagesPDF(title: String, pages: [[String]]) throws -> [UInt8] {
        let sink = CairoCanvas.Sink()
        let points = 72 / 25.4
        guard let surface = cairo_pdf_surface_create_for_stream(
            CairoCanvas.write, Unmanaged.passUnretained(sink).toOpaque(), 210 * points, 297 * points)
        else { throw SealRenderError.drawing(operation: "cairo_pdf_surface_create_for_stream", status: "null") }
        defer { cairo_surface_destroy(surface) }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "SealStation")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        guard let song = faces[.song] else { throw SealRenderError.fontMissing(path: FontRole.song.path, package: FontRole.song.debianPackage) }
        guard let cr = cairo_create(surface) else { throw SealRenderError.drawing(operation: "cairo_create", status: "null") }
        cairo_scale(cr, points, points)
        cairo_set_font_face(cr, song.cairoFace)
        cairo_set_source_rgb(cr, 0, 0, 0)
        for (index, lines) in (pages.isEmpty ? [[]] : pages).enumerated() {
            var y = 25.0
            if index == 0 {
                cairo_set_font_size(cr, 18 / points)
                cairo_move_to(cr, 25, y)
                cairo_show_text(cr, title)
                y += 12
            }
            cairo_set_font_size(cr, 12 / points)
            for line in lines {
                cairo_move_to(cr, 25, y)
                cairo_show_text(cr, line)
                y += 6
            }
            cairo_move_to(cr, 100, 285)
            cairo_show_text(cr, "第 \(index + 1) 页")
            cairo_show_page(cr)
        }
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        try CairoCanvas.check(surface, "text PDF")
        return sink.bytes
    }
}
