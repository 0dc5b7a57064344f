import Foundation

/// A rectangle on a page in millimetres, origin at the page's top-left corner, y downward (OFD's ST_Box; a PDF
/// placement is given the same way and converted at the PDF edge).
public struct MillimetreBox: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// The left edge, mm from the page's left.
    public var x: Double
    /// The top edge, mm from the page's top.
    public var y: Double
    public var width: Double
    public var height: Double

    /// The box with its top-left corner at (`x`, `y`).
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

    /// A length in mm rounded to 1/1000 mm, without trailing zeros or exponent (`40`, `12.5`, `0.125`, `-3`),
    /// whatever the locale; a value too large for that (over 10^12 mm, or not finite) is written as Swift prints it.
    public static func format(_ value: Double) -> String {
        guard value.magnitude < 1e12, let text = DecimalText.format(value, fractionDigits: 3) else { return "\(value)" }
        return text
    }
}
