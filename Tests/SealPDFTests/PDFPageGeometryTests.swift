import SealDocument
import SealPDF
import Testing

/// Placements in millimetres from the shown page's top-left corner land where the reader shows them, whatever the
/// page's /CropBox offset, /Rotate and /UserUnit.
@Suite("PDF page geometry")
struct PDFPageGeometryTests {
    static let mm = 72 / 25.4
    static let a4 = [0, 0, 595.2756, 841.8898]

    private func close(_ a: [Double], _ b: [Double]) -> Bool { zip(a, b).allSatisfy { abs($0 - $1) < 1e-6 } && a.count == b.count }

    @Test("unrotated: x from the left, y from the top; a CropBox offset moves the origin")
    func unrotated() {
        let page = PDFPageGeometry(box: Self.a4)
        let rect = page.rect(for: MillimetreBox(x: 10, y: 20, width: 40, height: 40))
        #expect(close(rect, [10 * Self.mm, 841.8898 - 60 * Self.mm, 50 * Self.mm, 841.8898 - 20 * Self.mm]))
        let cropped = PDFPageGeometry(box: [100, 50, 695.2756, 891.8898])
        #expect(close(cropped.rect(for: MillimetreBox(x: 0, y: 0, width: 10, height: 10)), [100, 891.8898 - 10 * Self.mm, 100 + 10 * Self.mm, 891.8898]))
        #expect(abs(page.shownSize.width - 210) < 1e-3 && abs(page.shownSize.height - 297) < 1e-3)
    }

    @Test("rotated 90, 180, 270: the shown top-left corner is the user-space corner the rotation brings there")
    func rotated() {
        let box = MillimetreBox(x: 0, y: 0, width: 10, height: 20)
        let (w, h) = (595.2756, 841.8898)
        #expect(close(PDFPageGeometry(box: Self.a4, rotate: 90).rect(for: box), [0, 0, 20 * Self.mm, 10 * Self.mm]))
        #expect(close(PDFPageGeometry(box: Self.a4, rotate: 180).rect(for: box), [w - 10 * Self.mm, 0, w, 20 * Self.mm]))
        #expect(close(PDFPageGeometry(box: Self.a4, rotate: 270).rect(for: box), [w - 20 * Self.mm, h - 10 * Self.mm, w, h]))
        #expect(close(PDFPageGeometry(box: Self.a4, rotate: -90).rect(for: box), PDFPageGeometry(box: Self.a4, rotate: 270).rect(for: box)))
        #expect(PDFPageGeometry(box: Self.a4, rotate: 45).rotate == 0)
        let shown = PDFPageGeometry(box: Self.a4, rotate: 90).shownSize
        #expect(abs(shown.width - 297) < 1e-3 && abs(shown.height - 210) < 1e-3)
        #expect(PDFPageGeometry(box: Self.a4, rotate: 90).appearanceMatrix == [0, 1, -1, 0, 0, 0])
    }

    @Test("UserUnit 2: a millimetre is half as many user units; a unit that is not positive is read as 1")
    func userUnit() {
        let page = PDFPageGeometry(box: [0, 0, 300, 400], userUnit: 2)
        #expect(abs(page.unitsPerMillimetre - Self.mm / 2) < 1e-9)
        #expect(close(page.rect(for: MillimetreBox(x: 0, y: 0, width: 40, height: 40)), [0, 400 - 20 * Self.mm, 20 * Self.mm, 400]))
        #expect(PDFPageGeometry(box: [0, 0, 1, 1], userUnit: -3).userUnit == 1)
    }
}
