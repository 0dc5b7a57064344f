public import SealPDF

extension PDFTextSearch {
    /// The keyword search PDF stamping uses: poppler's text layout of the file searched.
    public struct Keywords: PDFKeywordSearch {
        public init() {}

        public func find(_ text: String, occurrence: Int, in file: PDFFile) throws -> Result<PDFKeywordMatch, PDFKeywordMatch.FoundFewer> {
            try PDFTextSearch(file).find(text, occurrence: occurrence)
        }
    }
}
