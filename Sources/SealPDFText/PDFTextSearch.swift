public import SealDocument
public import SealPDF

/// Finding a text on a PDF's pages with poppler's text layout (fonts, encodings and ToUnicode maps are poppler's to
/// read): each place it appears, as a box in millimetres from the shown page's top-left corner.
public struct PDFTextSearch {
    /// One appearance of the text.
    public typealias Match = PDFKeywordMatch
    /// Fewer appearances than asked for: how many there are.
    public typealias FoundFewer = PDFKeywordMatch.FoundFewer

    let document: PopplerDocument
    let pages: [PDFPageGeometry]

    /// A search over `file` (its bytes opened by poppler, its pages' geometry from libqpdf).
    /// - Throws: ``PDFStructureError/unreadable(_:)`` when poppler cannot open the file, or when it counts other pages
    ///   than libqpdf (the two readers would disagree about where the seal goes).
    public init(_ file: PDFFile) throws {
        document = try PopplerDocument(bytes: file.bytes)
        pages = file.pages
        guard document.pageCount == pages.count else {
            throw PDFStructureError.unreadable("poppler finds \(document.pageCount) page(s) where libqpdf finds \(pages.count)")
        }
    }

    /// The `occurrence`-th (1-based) appearance of `text`, in page order and in reading order within a page, or the
    /// number of appearances found when there are fewer.
    public func find(_ text: String, occurrence: Int) -> Result<Match, FoundFewer> {
        var found = 0
        for (index, geometry) in pages.enumerated() {
            let matches = document.find(text, onPage: index)
            guard found + matches.count >= occurrence else {
                found += matches.count
                continue
            }
            let rectangle = matches[occurrence - found - 1]
            // poppler: points on the shown page, origin at its bottom-left corner; the page's user units are points
            // scaled by /UserUnit.
            let millimetresPerPoint = 25.4 / 72 * geometry.userUnit
            let height = geometry.shownSize.height
            let box = MillimetreBox(
                x: min(rectangle[0], rectangle[2]) * millimetresPerPoint, y: height - max(rectangle[1], rectangle[3]) * millimetresPerPoint,
                width: abs(rectangle[2] - rectangle[0]) * millimetresPerPoint, height: abs(rectangle[3] - rectangle[1]) * millimetresPerPoint)
            return .success(Match(page: index + 1, box: box))
        }
        return .failure(FoundFewer(count: found))
    }

    /// The characters of page `page` (1-based) placed on the shown page, in mm from its top-left corner (each
    /// character's box), at most `limit`: for drawing a preview of the page, not for reading its text.
    public func characters(onPage page: Int, limit: Int) -> [(character: Character, box: MillimetreBox)] {
        guard pages.indices.contains(page - 1) else { return [] }
        let millimetresPerPoint = 25.4 / 72 * pages[page - 1].userUnit
        return document.characters(onPage: page - 1, limit: limit).map { character, r in
            (character, MillimetreBox(
                x: min(r[0], r[2]) * millimetresPerPoint, y: min(r[1], r[3]) * millimetresPerPoint,
                width: abs(r[2] - r[0]) * millimetresPerPoint, height: abs(r[3] - r[1]) * millimetresPerPoint))
        }
    }
}
