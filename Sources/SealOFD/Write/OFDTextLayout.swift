/// The page geometry of the OFDs `OFDTextDocument` writes, in millimetres (GB/T 33190 units): A4 pages
/// (`PhysicalBox 0 0 210 297`), 25 mm margins, body text 4.2 mm (about 12 pt) on 6.3 mm lines, a title line 6.3 mm.
public struct OFDTextLayout: Sendable, Equatable {
    public var pageWidth: Double
    public var pageHeight: Double
    /// The margin on every side.
    public var margin: Double
    /// The em size of body text (`TextObject@Size`).
    public var fontSize: Double
    /// The distance from one body line to the next.
    public var lineHeight: Double
    /// The em size of the title (centred on the first page, followed by one empty body line).
    public var titleSize: Double

    /// A4 portrait, 25 mm margins, 4.2 mm text on 6.3 mm lines, 6.3 mm title.
    public static let a4 = OFDTextLayout(pageWidth: 210, pageHeight: 297, margin: 25, fontSize: 4.2, lineHeight: 6.3, titleSize: 6.3)

    public init(pageWidth: Double, pageHeight: Double, margin: Double, fontSize: Double, lineHeight: Double, titleSize: Double) {
        self.pageWidth = pageWidth
        self.pageHeight = pageHeight
        self.margin = margin
        self.fontSize = fontSize
        self.lineHeight = lineHeight
        self.titleSize = titleSize
    }

    /// The width lines are filled to.
    public var textWidth: Double { pageWidth - 2 * margin }
    /// The lowest y a line may reach.
    public var textBottom: Double { pageHeight - margin }
    /// The title's line height (1.5 × its size).
    var titleLineHeight: Double { titleSize * 1.5 }

    /// The baseline of text of `size` on a line `height` high, from the line's top: half the leading, then the
    /// ascent (0.88 em for the Song faces).
    static func baseline(size: Double, height: Double) -> Double {
        (height - size) / 2 + size * 0.88
    }
}
