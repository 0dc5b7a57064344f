/// A seal template: the geometry of one kind of seal in millimetres, read from a YAML file under Templates/.
/// Adding a file adds a kind of seal; nothing here is specific to one template.
public struct SealTemplate: Codable, Sendable, Hashable {
    /// The outline of the seal.
    public enum Shape: String, Codable, Sendable {
        case round, ellipse, square
    }

    /// Text set along the upper arc, left to right (clockwise on the page), each glyph radial.
    public struct ArcText: Codable, Sendable, Hashable {
        /// The content field it shows (usually "name").
        public var field: String
        public var font: FontRole
        /// Glyph frame height (字高).
        public var heightMM: Double
        /// Distance from the border's inner edge to the top of the glyph frames.
        public var gapMM: Double
        /// The arc's span, edge to edge, is chosen in this range (degrees) from the name's length.
        public var minSpanDegrees: Double
        public var maxSpanDegrees: Double
        /// The narrowest glyphs allowed (x-scale) before the name is refused as too long.
        public var minXScale: Double
    }

    /// Text on the lower arc reading left to right with glyph tops towards the centre (the 13-digit seal code).
    public struct BottomArcText: Codable, Sendable, Hashable {
        public var field: String
        public var font: FontRole
        /// Glyph height (for the sans face: the visible digit height).
        public var heightMM: Double
        /// Distance from the border's inner edge to the glyphs' outer side.
        public var gapMM: Double
        /// Span between the first and last glyph centres.
        public var spanDegrees: Double
        /// Glyph width as a fraction of the natural width.
        public var xScale: Double
    }

    /// A horizontal line of text centred on the vertical axis.
    public struct Line: Codable, Sendable, Hashable {
        /// The content field it shows, or nil for fixed `text`.
        public var field: String?
        public var text: String?
        public var font: FontRole
        /// Glyph frame height (for the sans face: the visible digit height).
        public var heightMM: Double
        /// Vertical position of the frames' centre, below the seal's centre (negative: above).
        public var centerBelowMM: Double
        /// Fixed glyph frame width; nil for the natural width (limited by `maxWidthMM`).
        public var glyphWidthMM: Double?
        /// The line's total width from the first frame's left edge to the last frame's right edge.
        public var totalWidthMM: Double?
        /// The widest the line may be (glyphs are narrowed to fit).
        public var maxWidthMM: Double?
    }

    /// The five-pointed star in the centre, one tip up, solid.
    public struct Star: Codable, Sendable, Hashable {
        /// Diameter of the circle through the tips (星尖直径).
        public var diameterMM: Double
        /// Vertical offset of the star's centre below the seal's centre (negative: above).
        public var offsetBelowMM: Double
    }

    /// Characters in a grid (square personal and post seals): 2, 3 or 4 cells, read right column first.
    public struct Grid: Codable, Sendable, Hashable {
        public var field: String
        public var font: FontRole
        /// Space between the border's inner edge and the cells.
        public var marginMM: Double
    }

    /// A check a content field must pass.
    public struct FieldRule: Codable, Sendable, Hashable {
        /// A regular expression the whole value must match.
        public var pattern: String
        /// What the pattern means, for error messages.
        public var description: String
    }

    /// The template's identifier (its file name without .yaml).
    public var id: String
    /// A human title (Chinese).
    public var title: String
    /// The rules the numbers come from (see seal-geometry reference).
    public var source: String
    public var shape: Shape
    public var widthMM: Double
    public var heightMM: Double
    /// Border width, measured inward from the outer edge; 0 for none.
    public var borderMM: Double
    /// Ink colour, `#RRGGBB`.
    public var color: String
    public var star: Star?
    public var arcText: ArcText?
    public var bottomArcText: BottomArcText?
    public var lines: [Line]?
    public var grid: Grid?
    /// Checks for content fields (by field name).
    public var rules: [String: FieldRule]?
    /// Sample content for the gallery.
    public var sample: [String: String]
    /// Deviations from the rule this template knowingly makes (e.g. 仿宋 set in the Song face).
    public var notes: String?

    /// The fields the template shows.
    public var fields: [String] {
        var fields: [String] = []
        if let arcText { fields.append(arcText.field) }
        for line in lines ?? [] { if let field = line.field { fields.append(field) } }
        if let bottomArcText { fields.append(bottomArcText.field) }
        if let grid { fields.append(grid.field) }
        return fields
    }
}
