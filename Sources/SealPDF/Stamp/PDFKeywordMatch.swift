public import SealDocument

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
