internal import CCairo
import Foundation

extension SealRenderer {
    /// The filing sheet as an A4 PDF: text set in the Song face (cairo embeds the subset it uses), seals and QR as
    /// paths, seals at their true size; as many pages as the table and images need, signature lines on the last.
    public func filingSheetPDF(_ sheet: FilingSheet) throws -> [UInt8] {
        let sink = CairoCanvas.Sink()
        let points = 72 / 25.4
        let page = (width: 210.0, height: 297.0), margin = 15.0
        guard let surface = cairo_pdf_surface_create_for_stream(
            CairoCanvas.write, Unmanaged.passUnretained(sink).toOpaque(), page.width * points, page.height * points)
        else { throw SealRenderError.drawing(operation: "cairo_pdf_surface_create_for_stream", status: "null") }
        defer { cairo_surface_destroy(surface) }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "SealStation")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, sheet.title)
        guard let cr = cairo_create(surface) else { throw SealRenderError.drawing(operation: "cairo_create", status: "null") }
        defer { cairo_destroy(cr) }
        cairo_scale(cr, points, points)
        guard let song = faces[.song] else { throw SealRenderError.fontMissing(path: FontRole.song.path, package: FontRole.song.debianPackage) }
        let options = cairo_font_options_create()
        defer { cairo_font_options_destroy(options) }
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)

        func text(_ string: String, x: Double, y: Double, size: Double, maxWidth: Double? = nil) {
            cairo_set_font_face(cr, song.cairoFace)
            cairo_set_font_options(cr, options)
            cairo_set_font_size(cr, size)
            cairo_set_source_rgb(cr, 0, 0, 0)
            var shown = string
            if let maxWidth {
                // Shorten with an ellipsis to fit its column.
                var extents = cairo_text_extents_t()
                cairo_text_extents(cr, shown, &extents)
                while extents.x_advance > maxWidth && shown.count > 1 {
                    shown = String(shown.dropLast(shown.hasSuffix("…") ? 2 : 1)) + "…"
                    cairo_text_extents(cr, shown, &extents)
                }
            }
            cairo_move_to(cr, x, y)
            cairo_show_text(cr, shown)
        }
        func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, width: Double = 0.2) {
            cairo_set_source_rgb(cr, 0, 0, 0)
            cairo_set_line_width(cr, width)
            cairo_move_to(cr, x1, y1)
            cairo_line_to(cr, x2, y2)
            cairo_stroke(cr)
        }
        var pageNumber = 1
        func newPage() {
            text("第 \(pageNumber) 页", x: page.width / 2 - 5, y: page.height - 8, size: 2.8)
            cairo_show_page(cr)
            pageNumber += 1
        }

        // Title, facts and the QR manifest (top right).
        text(sheet.title, x: margin, y: margin + 6, size: 7)
        let qrSide = Double(sheet.qr.size + 2 * QRCodeImage.quietZone) * sheet.qrModuleMM
        cairo_save(cr)
        cairo_translate(cr, page.width - margin - qrSide, margin)
        cairo_scale(cr, sheet.qrModuleMM, sheet.qrModuleMM)
        sheet.qr.draw(on: cr, x: Double(QRCodeImage.quietZone), y: Double(QRCodeImage.quietZone))
        cairo_restore(cr)
        text("备案清单二维码（站点根CA签名）", x: page.width - margin - qrSide, y: margin + qrSide + 3, size: 2.5)
        var y = margin + 14
        for fact in sheet.facts {
            text(fact.label, x: margin, y: y, size: 3)
            text(fact.value, x: margin + 28, y: y, size: 3, maxWidth: page.width - 2 * margin - 30 - qrSide)
            y += 5
        }
        y = max(y, margin + qrSide + 8) + 4

        // The seal table.
        let columns: [(title: String, width: Double)] = [("印章编码 esID", 30), ("单位", 52), ("统一社会信用代码", 36), ("类型", 12), ("状态", 12), ("有效期", 38)]
        func header() {
            var x = margin
            for column in columns {
                text(column.title, x: x, y: y, size: 2.8, maxWidth: column.width - 1)
                x += column.width
            }
            line(margin, y + 1.5, page.width - margin, y + 1.5, width: 0.3)
            y += 6
        }
        header()
        for row in sheet.rows {
            if y > page.height - margin - 10 {
                newPage()
                y = margin + 6
                header()
            }
            var x = margin
            for (value, column) in zip([row.esID, row.unit, row.creditCode, row.kind, row.state, row.validity], columns) {
                text(value, x: x, y: y, size: 2.8, maxWidth: column.width - 1)
                x += column.width
            }
            line(margin, y + 1.5, page.width - margin, y + 1.5, width: 0.1)
            y += 5.5
        }

        // The seal images at true size, left to right.
        y += 6
        var x = margin, rowHeight = 0.0
        for image in sheet.images {
            let width = image.layout.widthMM, height = image.layout.heightMM
            if x + width > page.width - margin {
                x = margin
                y += rowHeight + 10
                rowHeight = 0
            }
            if y + height + 8 > page.height - margin - 10 {
                newPage()
                x = margin
                y = margin + 4
                rowHeight = 0
            }
            cairo_save(cr)
            cairo_translate(cr, x, y)
            CairoCanvas.draw(image.layout, faces: faces, on: cr)
            cairo_restore(cr)
            text(image.caption, x: x, y: y + height + 4, size: 2.5, maxWidth: max(width, 40))
            x += max(width, 40) + 8
            rowHeight = max(rowHeight, height)
        }
        y += rowHeight + 14
        if sheet.imagesOmitted > 0 {
            if y > page.height - margin - 20 {
                newPage()
                y = margin + 10
            }
            text("另有 \(sheet.imagesOmitted) 枚印章的印模未印在本单上，见备案包 data/seals/<esID>/seal.svg（PNG 印模在 seal.sel 中）。", x: margin, y: y, size: 3)
            y += 10
        }

        // Handover signature lines.
        if y + Double(sheet.signatureLines.count) * 12 > page.height - margin - 10 {
            newPage()
            y = margin + 10
        }
        for label in sheet.signatureLines {
            text(label, x: margin, y: y, size: 3.2)
            line(margin + 52, y + 1, margin + 120, y + 1, width: 0.3)
            text("日期", x: margin + 126, y: y, size: 3.2)
            line(margin + 135, y + 1, page.width - margin, y + 1, width: 0.3)
            y += 12
        }
        text("第 \(pageNumber) 页", x: page.width / 2 - 5, y: page.height - 8, size: 2.8)
        cairo_show_page(cr)
        cairo_surface_finish(surface)
        try CairoCanvas.check(surface, "filing sheet PDF")
        return sink.bytes
    }
}
