public import SealDocument

/// Finding where a text appears on a PDF's pages, for a seal placed on a keyword. The search reads the pages' text
/// layout (fonts, encodings, ToUnicode maps), which libqpdf does not: SealPDFText's `PDFTextSearch` does it with
/// poppler, kept out of this module so that verifying PDFs links libqpdf only.
public protocol PDFKeywordSearch: Sendable {
    /// The `occurrence`-th (1-based) appearance of `text` in `file`, in page order and in reading order within a page,
    /// or the number of appearances found when there are fewer.
    /// - Throws: ``PDFStructureError`` when the search cannot read the file.
    func find(_ text: String, occurrence: Int, in file: PDFFile) throws -> Result<PDFKeywordMatch, PDFKeywordMatch.FoundFewer>
}

/// One appearance of a text on a PDF page.
public struct PDFKeywordMatch: Sendable, Equatable {
    /// The 1-based page.
    public var page: Int
    /// The text's box on the shown page, in mm from its top-left corner.
    public var box: MillimetreBox

    public init(page: Int, box: MillimetreBox) {
        self.page = page
        self.box = box
    }

    /// Fewer appearances than asked for: how many there are.
    public struct FoundFewer: Error, Sendable, Equatable {
        public var count: Int

        public init(count: Int) { self.count = count }
    }
}
