public import SealDocument

/// One visible appearance of a stamp: a `StampAnnot` of Signature.xml (GB/T 33190 §18.2.2), drawn by readers as the
/// seal picture scaled into `boundary` on the page, cut to `clip`.
public struct OFDStampAppearance: Sendable, Equatable {
    /// `ID`, from the document's signature counter.
    public var id: String
    /// The page, 1-based in document order.
    public var page: Int
    /// `PageRef`: the page's `ID` in Document.xml.
    public var pageID: UInt32
    /// `Boundary`: where the whole seal picture goes on the page (true size), in page millimetres.
    public var boundary: MillimetreBox
    /// `Clip`: the part of the picture shown, relative to the Boundary's top-left corner (riding seals); nil shows all.
    public var clip: MillimetreBox?

    public init(id: String, page: Int, pageID: UInt32, boundary: MillimetreBox, clip: MillimetreBox?) {
        self.id = id
        self.page = page
        self.pageID = pageID
        self.boundary = boundary
        self.clip = clip
    }
}
