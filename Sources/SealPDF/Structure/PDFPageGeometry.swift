public import SealDocument

/// Where a page is shown (ISO 32000-1 §14.11.2, §8.3.2.3, §14.11.4): its visible box (/CropBox, else /MediaBox), its
/// /Rotate and its /UserUnit, and the conversion of a box in millimetres from the shown page's top-left corner — how
/// SealStation takes placements — into the page's user space.
public struct PDFPageGeometry: Sendable, Equatable {
    /// The visible box `[llx lly urx ury]` in user space.
    public var box: [Double]
    /// The clockwise rotation the page is shown with: 0, 90, 180 or 270.
    public var rotate: Int
    /// The size of a user-space unit in 1/72 inch.
    public var userUnit: Double

    /// A page's geometry; `rotate` is normalised to 0, 90, 180 or 270 (a value that is not a multiple of 90 is read as 0,
    /// as readers do), a user unit that is not positive as 1.
    public init(box: [Double], rotate: Int = 0, userUnit: Double = 1) {
        let normalised = ((rotate % 360) + 360) % 360
        self.box = box.count == 4 ? [min(box[0], box[2]), min(box[1], box[3]), max(box[0], box[2]), max(box[1], box[3])] : [0, 0, 612, 792]
        self.rotate = normalised % 90 == 0 ? normalised : 0
        self.userUnit = userUnit > 0 && userUnit.isFinite ? userUnit : 1
    }

    /// Millimetres to user-space units on this page.
    public var unitsPerMillimetre: Double { 72 / 25.4 / userUnit }

    /// The shown page's width and height in millimetres.
    public var shownSize: (width: Double, height: Double) {
        let width = (box[2] - box[0]) / unitsPerMillimetre, height = (box[3] - box[1]) / unitsPerMillimetre
        return rotate % 180 == 0 ? (width, height) : (height, width)
    }

    /// The user-space point of a point `x`, `y` millimetres from the shown page's top-left corner (y downward).
    public func userPoint(x: Double, y: Double) -> (x: Double, y: Double) {
        let dx = x * unitsPerMillimetre, dy = y * unitsPerMillimetre
        let (llx, lly, urx, ury) = (box[0], box[1], box[2], box[3])
        switch rotate {
        case 90: return (llx + dy, lly + dx)
        case 180: return (urx - dx, lly + dy)
        case 270: return (urx - dy, ury - dx)
        default: return (llx + dx, ury - dy)
        }
    }

    /// The user-space `/Rect` `[llx lly urx ury]` of `box` (millimetres on the shown page).
    public func rect(for box: MillimetreBox) -> [Double] {
        let corners = [userPoint(x: box.x, y: box.y), userPoint(x: box.x + box.width, y: box.y + box.height)]
        return [min(corners[0].x, corners[1].x), min(corners[0].y, corners[1].y), max(corners[0].x, corners[1].x), max(corners[0].y, corners[1].y)]
    }

    /// The appearance's /Matrix that shows it upright on the rotated page: a counter-clockwise rotation by ``rotate``.
    public var appearanceMatrix: [Double] {
        switch rotate {
        case 90: [0, 1, -1, 0, 0, 0]
        case 180: [-1, 0, 0, -1, 0, 0]
        case 270: [0, -1, 1, 0, 0, 0]
        default: [1, 0, 0, 1, 0, 0]
        }
    }
}
