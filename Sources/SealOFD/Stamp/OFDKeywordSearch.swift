import SealDocument

/// Finds a text in the pages' content: within one TextCode, in page order, then text object and TextCode order.
/// A match's box runs from its first character's origin to its last character's advance (DeltaX; an absent advance
/// counts as the em size, half of it for ASCII), from the baseline up by the font size; it is mapped by the text
/// object's CTM when there is one and placed at the object's Boundary origin.
struct OFDKeywordSearch {
    /// One occurrence: the page (0-based index) and the keyword's box in page millimetres.
    struct Match {
        var pageIndex: Int
        var box: MillimetreBox
    }

    let keyword: [Unicode.Scalar]

    init(_ keyword: String) {
        self.keyword = Array(keyword.unicodeScalars)
    }

    /// Every occurrence on the page whose content is `content` (index `pageIndex`).
    func matches(in content: OFDPageContent, pageIndex: Int) -> [Match] {
        guard !keyword.isEmpty else { return [] }
        var found: [Match] = []
        for object in content.textObjects {
            var x = 0.0
            var y = 0.0
            for code in object.codes {
                x = code.x ?? x
                y = code.y ?? y
                let characters = Array(code.text.unicodeScalars)
                // Character origins along the run.
                var xs: [Double] = []
                var ys: [Double] = []
                xs.reserveCapacity(characters.count)
                var cx = x
                var cy = y
                for index in characters.indices {
                    xs.append(cx)
                    ys.append(cy)
                    cx += advance(code.deltaX, index, characters[index], object.size)
                    cy += index < code.deltaY.count ? code.deltaY[index] : 0
                }
                var start = 0
                while start + keyword.count <= characters.count {
                    guard characters[start..<(start + keyword.count)].elementsEqual(keyword) else {
                        start += 1
                        continue
                    }
                    let last = start + keyword.count - 1
                    let left = xs[start...last].min() ?? 0
                    let right = (xs[last] + advance(code.deltaX, last, characters[last], object.size))
                    let baselines = ys[start...last]
                    let top = (baselines.min() ?? 0) - object.size
                    let bottom = baselines.max() ?? 0
                    found.append(Match(pageIndex: pageIndex, box: place(MillimetreBox(x: min(left, right), y: top, width: abs(right - left), height: bottom - top), in: object)))
                    start += keyword.count
                }
                x = cx
                y = cy
            }
        }
        return found
    }

    /// The advance after character `index`: DeltaX when written, else the em size (half for ASCII).
    func advance(_ deltaX: [Double], _ index: Int, _ character: Unicode.Scalar, _ size: Double) -> Double {
        index < deltaX.count ? deltaX[index] : (character.isASCII ? size / 2 : size)
    }

    /// `box` (in the object's coordinates) mapped by its CTM and moved to its Boundary's origin.
    func place(_ box: MillimetreBox, in object: OFDTextObject) -> MillimetreBox {
        var corners = [(box.x, box.y), (box.x + box.width, box.y), (box.x, box.y + box.height), (box.x + box.width, box.y + box.height)]
        if let m = object.ctm, m.count == 6 {
            corners = corners.map { (m[0] * $0.0 + m[2] * $0.1 + m[4], m[1] * $0.0 + m[3] * $0.1 + m[5]) }
        }
        let xs = corners.map(\.0)
        let ys = corners.map(\.1)
        let minX = xs.min() ?? 0
        let minY = ys.min() ?? 0
        return MillimetreBox(
            x: object.boundary.x + minX, y: object.boundary.y + minY, width: (xs.max() ?? 0) - minX, height: (ys.max() ?? 0) - minY)
    }
}
