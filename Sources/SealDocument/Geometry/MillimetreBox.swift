import Foundation

/// A rectangle on a page in millimetres, origin at the page's top-left corner, y downward (OFD's ST_Box; a PDF
/// placement is given the same way and converted at the PDF edge).
public struct MillimetreBox: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The box of `width` × `height` centred on (`centreX`, `centreY`).
    public init(centreX: Double, centreY: Double, width: Double, height: Double) {
        self.init(x: centreX - width / 2, y: centreY - height / 2, width: width, height: height)
    }

    /// Whether `other` lies wholly inside this box (with `tolerance` mm of slack on every side).
    public func contains(_ other: MillimetreBox, tolerance: Double = 0) -> Bool {
        other.x >= x - tolerance && other.y >= y - tolerance
            && other.x + other.width <= x + width + tolerance && other.y + other.height <= y + height + tolerance
    }

    /// `"x y w h"` with at most three decimals, as an ST_Box is written.
    public var description: String {
        [x, y, width, height].map(Self.format).joined(separator: " ")
    }

    /// A length in mm with at most three decimals and no trailing zeros (`40`, `12.5`, `0.125`).
    public static func format(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(format: "%.3f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
