/// An ST_Box (GB/T 33190 §7.3.2): `"x y w h"` in millimetres, origin top-left, y downward. A negative width or height
/// is read as written (a tax invoice in ofdrw's tests has a TextObject Boundary `90 58 -3 5`); page areas refuse it.
public struct STBox: Sendable, Equatable {
    /// The left edge (mm).
    public var x: Double
    /// The top edge (mm).
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

    /// Reads `text`, the value of `what` in `file` (for messages).
    /// - Throws: ``OFDStructureError/badValue(_:_:_:)`` unless it is four numbers.
    public init(_ text: String, what: String, in file: String) throws {
        let numbers = try STArray(text, what: what, in: file, maximumCount: 4).values
        guard numbers.count == 4 else {
            throw OFDStructureError.badValue(file, what, String(text.prefix(80)))
        }
        self.init(x: numbers[0], y: numbers[1], width: numbers[2], height: numbers[3])
    }
}
