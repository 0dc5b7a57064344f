/// One laid-out line: one `TextObject` with one `TextCode` (X 0, Y the baseline, DeltaX the advances between the
/// characters), placed in page millimetres.
public struct OFDTextLine: Sendable, Equatable {
    /// The characters, one per Unicode scalar.
    public var scalars: [Unicode.Scalar]
    /// The advance of each scalar in mm (the last one's is the line's end).
    public var advances: [Double]
    /// The left edge of the line on the page.
    public var x: Double
    /// The top of the line on the page.
    public var y: Double
    /// The line's height (its `Boundary` height).
    public var height: Double
    /// The em size of the text.
    public var size: Double

    /// The sum of the advances.
    public var width: Double { advances.reduce(0, +) }
    /// The text of the line.
    public var text: String {
        var string = ""
        string.unicodeScalars.append(contentsOf: scalars)
        return string
    }
}
