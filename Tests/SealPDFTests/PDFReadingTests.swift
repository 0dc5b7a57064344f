import Foundation
import SealASN1
import SealPDF
import SealTestSupport
import Testing

/// Hostile and broken PDFs are refused by name (libqpdf reads them; the limits refuse hostile graphs), never crash
/// or hang.
@Suite("PDF reading")
struct PDFReadingTests {
    /// A small PDF written by hand, with `objects` in order and a classic xref table; `size` overrides /Size.
    static func pdf(_ objects: [String], size: Int? = nil, root: Int = 1) -> [UInt8] {
        var text = "%PDF-1.7\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(text.utf8.count)
            text += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = text.utf8.count
        text += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { text += String(format: "%010d 00000 n \n", offset) }
        text += "trailer\n<< /Size \(size ?? objects.count + 1) /Root \(root) 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(text.utf8)
    }

    static let onePage = [
        "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]

    @Test("a well-formed page is read: one page, its box, one revision")
    func wellFormed() throws {
        let file = try PDFFile(Self.pdf(Self.onePage), name: "one.pdf")
        #expect(file.pageCount == 1)
        #expect(file.pages == [PDFPageGeometry(box: [0, 0, 595, 842])])
        #expect(file.signatureFields.isEmpty)
        #expect(file.revisionEnds == [file.bytes.count])
    }

    @Test("not a PDF, and a file over the size limit, are refused before libqpdf reads them")
    func notPDF() throws {
        #expect(throws: PDFStructureError.notPDF) { try PDFFile(Array("PK\u{3}\u{4} a zip".utf8), name: "x.pdf") }
        #expect(throws: PDFStructureError.tooLarge(bytes: 400, limit: 100)) {
            try PDFFile(Array(repeating: 0x25, count: 400), name: "big.pdf", limits: PDFLimits(fileBytes: 100))
        }
    }

    @Test("a million declared objects is refused as a hostile object graph")
    func millionObjects() throws {
        #expect(throws: PDFStructureError.tooManyObjects(count: 1_000_001, limit: 500_000)) {
            try PDFFile(Self.pdf(Self.onePage, size: 1_000_001), name: "many.pdf")
        }
    }

    @Test("a page tree that loops, a field tree that loops, and a 2 GB stream length end with an answer")
    func hostileGraphs() throws {
        // /Kids of the page tree names the tree itself.
        let loopingPages = Self.pdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                                     "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"])
        if let file = try? PDFFile(loopingPages, name: "loop.pdf") { #expect(file.pageCount <= 1) }
        // A field whose /Kids contains itself.
        let loopingFields = Self.pdf(Self.onePage.prefix(1).map { _ in "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>" }
            + Self.onePage.dropFirst() + ["<< /T (f) /FT /Sig /Kids [4 0 R] >>"])
        #expect(throws: PDFStructureError.self) { try PDFFile(loopingFields, name: "fields.pdf") }
        // A stream that declares 2 GB in a file of a few hundred bytes.
        let hugeStream = Self.pdf(Self.onePage + ["<< /Length 2147483648 >>\nstream\nabc\nendstream"])
        let file = try PDFFile(hugeStream, name: "stream.pdf")
        #expect(file.pageCount == 1)
    }

    @Test("a truncated file is reconstructed by libqpdf with warnings, or refused by name")
    func truncated() throws {
        let bytes = Self.pdf(Self.onePage)
        for cut in stride(from: 10, to: bytes.count, by: 17) {
            do {
                _ = try PDFFile(Array(bytes.prefix(cut)), name: "cut.pdf")
            } catch let error as PDFStructureError {
                #expect(!error.description.isEmpty)
            }
        }
    }

    @Test("SealStation's SES attribute type is the DER asn1crypto writes for 2.25.227684413538665603119869619127039805750")
    func sesAttributeType() throws {
        let result = try PythonTools.run(script: """
            import sys
            from asn1crypto.core import ObjectIdentifier
            sys.stdout.write(ObjectIdentifier(sys.argv[1]).dump().hex())
            """, [PDFSESAttribute.dotted])
        #expect(result.succeeded, "\(result.stderr)")
        #expect(result.stdout == PDFSESAttribute.encodedType.map { String(format: "%02x", $0) }.joined())
    }
}
