/// One visible appearance of a seal on a page (an OFD `StampAnnot`): where the seal picture is drawn.
public struct StampAppearance: Sendable, Codable, Equatable, Hashable {
    /// The appearance's ID as written.
    public var id: String
    /// The 1-based index of the page in the document, or nil when the page reference names no page.
    public var page: Int?
    /// The page reference as written (an OFD `PageRef`: the page's ID, not its index).
    public var pageID: String
    /// Where the seal picture is drawn, in page millimetres.
    public var boundary: MillimetreBox
    /// The part of the picture shown, relative to the boundary's top-left corner (a riding seal's slice), if any.
    public var clip: MillimetreBox?

    /// An appearance on page `page` (1-based) whose ID is `pageID`.
    public init(id: String, page: Int?, pageID: String, boundary: MillimetreBox, clip: MillimetreBox?) {
        self.id = id
        self.page = page
        self.pageID = pageID
        self.boundary = boundary
        self.clip = clip
    }
}
