/// One page's part of a riding seal (骑缝章) of `n` pages: the whole seal's box on that page and the slice of it the page
/// shows (relative to the box's top-left corner). Page i shows the i-th of n equal slices: across the right edge
/// slice i at the right edge (ofdrw's layout, margin 0), across the left edge the mirror image; the bottom and top
/// edges likewise. OFD and PDF stamps cut their riding seals with it.
public struct RidingSlice: Sendable, Equatable {
    /// The whole seal's box, partly off the page.
    public var boundary: MillimetreBox
    /// The part of it the page shows, relative to `boundary`'s top-left corner.
    public var clip: MillimetreBox

    /// Page `index`'s (0-based) slice of a `width` × `height` mm seal across `edge` of `count` pages, the page's box
    /// being `page` (mm; the seal is centred along the edge).
    public init(edge: PageEdge, index: Int, count: Int, page: MillimetreBox, width: Double, height: Double) {
        let n = Double(count), i = Double(index), mirrored = n - 1 - i
        let centredX = page.x + page.width / 2 - width / 2
        let centredY = page.y + page.height / 2 - height / 2
        switch edge {
        case .right:
            boundary = MillimetreBox(x: page.x + page.width - (i + 1) * width / n, y: centredY, width: width, height: height)
            clip = MillimetreBox(x: i * width / n, y: 0, width: width / n, height: height)
        case .left:
            boundary = MillimetreBox(x: page.x - mirrored * width / n, y: centredY, width: width, height: height)
            clip = MillimetreBox(x: mirrored * width / n, y: 0, width: width / n, height: height)
        case .bottom:
            boundary = MillimetreBox(x: centredX, y: page.y + page.height - (i + 1) * height / n, width: width, height: height)
            clip = MillimetreBox(x: 0, y: i * height / n, width: width, height: height / n)
        case .top:
            boundary = MillimetreBox(x: centredX, y: page.y - mirrored * height / n, width: width, height: height)
            clip = MillimetreBox(x: 0, y: mirrored * height / n, width: width, height: height / n)
        }
    }
}
