/// Where a visible seal goes on a document. Positions are millimetres from the page's top-left corner; the seal is
/// always drawn at its true size (the SES_Seal picture's width and height).
public enum StampPlacement: Sendable, Equatable, Codable {
    /// Centred on (`x`, `y`) of page `page` (1-based).
    case position(page: Int, x: Double, y: Double)
    /// Centred on the `occurrence`-th (1-based) appearance of `text` in the pages' content, in page order.
    case keyword(text: String, occurrence: Int)
    /// A riding seal (骑缝章): one signature whose appearances cut the seal image across `edge` of every page.
    case riding(edge: PageEdge)
}
