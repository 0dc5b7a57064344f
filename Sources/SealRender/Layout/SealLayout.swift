/// Everything a seal image is made of, in millimetres on a canvas of `widthMM` × `heightMM` (origin top-left,
/// y down). One layout feeds the SVG, PNG and PDF outputs.
public struct SealLayout: Sendable {
    /// The outline stroked as the border.
    public enum Border: Sendable, Equatable {
        /// A circle or ellipse through the middle of the border: centre, semi-axes of that middle line, width.
        case ellipse(centerX: Double, centerY: Double, radiusX: Double, radiusY: Double, width: Double)
        /// A rectangle through the middle of the border.
        case rectangle(x: Double, y: Double, width: Double, height: Double, strokeWidth: Double)
    }

    /// One glyph: which face and glyph, where its frame's centre is, how it is turned and sized.
    public struct Glyph: Sendable, Equatable {
        public var role: FontRole
        public var character: Character
        public var glyphIndex: UInt32
        /// Centre of the glyph frame.
        public var centerX: Double
        public var centerY: Double
        /// Clockwise rotation of the glyph's up direction from the page's up, in radians.
        public var rotation: Double
        /// Font size (em) in millimetres.
        public var emSizeMM: Double
        /// Horizontal scale of the glyph.
        public var xScale: Double
        /// Vertical scale of the glyph (tall cells of square seals).
        public var yScale: Double
        /// The glyph's advance in em (to centre it horizontally).
        public var advanceEm: Double
        /// The height of the frame's centre above the baseline, in em.
        public var centerAboveBaselineEm: Double
        /// The field the glyph belongs to.
        public var field: String
    }

    public var widthMM: Double
    public var heightMM: Double
    /// Ink colour (0–255).
    public var red: UInt8, green: UInt8, blue: UInt8
    public var border: Border?
    /// Star polygon vertices (10), or empty.
    public var star: [(x: Double, y: Double)]
    public var glyphs: [Glyph]
}
