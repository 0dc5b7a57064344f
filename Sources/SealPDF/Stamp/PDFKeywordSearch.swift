/// Finding where a text appears on a PDF's pages, for a seal placed on a keyword. The search reads the pages' text
/// layout (fonts, encodings, ToUnicode maps), which libqpdf does not: SealPDFText's `PDFTextSearch` does it with
/// poppler, kept out of this module so that verifying PDFs links libqpdf only.
public protocol PDFKeywordSearch: Sendable {
    /// The `occurrence`-th (1-based) appearance of `text` in `file`, in page order and in reading order within a page,
    /// or the number of appearances found when there are fewer.
    /// - Throws: ``PDFStructureError`` when the search cannot read the file.
    func find(_ text: String, occurrence: Int, in file: PDFFile) throws -> Result<PDFKeywordMatch, PDFKeywordMatch.FoundFewer>
}
