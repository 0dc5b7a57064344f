/// Fills lines by the real advances of the face: between two CJK characters a line may break anywhere; Latin text
/// breaks at spaces, and a word longer than a line is cut where it reaches the edge. Closing punctuation (，。、」…)
/// never starts a line and opening punctuation (「（《…) never ends one: each stays with its neighbour.
enum OFDLineBreaker {
    /// The lines of one paragraph as index ranges into `scalars`, spaces at the breaks left out. An empty paragraph
    /// gives one empty line.
    static func lines(_ scalars: [Unicode.Scalar], advances: [Double], width: Double) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start: Int?
        var end = 0
        var lineWidth = 0.0
        var pendingSpace = 0.0
        for segment in segments(scalars) {
            let segmentWidth = advances[segment].reduce(0, +)
            if isSpace(scalars[segment.lowerBound]) {
                if start != nil {
                    pendingSpace += segmentWidth
                } else if lines.isEmpty, segmentWidth <= width {
                    // Indentation at the start of a paragraph is kept; spaces at a break are not.
                    start = segment.lowerBound
                    end = segment.upperBound
                    lineWidth = segmentWidth
                }
                continue
            }
            if start != nil, lineWidth + pendingSpace + segmentWidth <= width + 1e-9 {
                lineWidth += pendingSpace + segmentWidth
                end = segment.upperBound
                pendingSpace = 0
                continue
            }
            if let lineStart = start {
                lines.append(lineStart..<end)
                start = nil
            }
            pendingSpace = 0
            // A new line starts with this segment; one wider than the line is cut by characters.
            var index = segment.lowerBound
            while index < segment.upperBound {
                var cut = index
                var cutWidth = 0.0
                while cut < segment.upperBound, cut == index || cutWidth + advances[cut] <= width + 1e-9 {
                    cutWidth += advances[cut]
                    cut += 1
                }
                if cut < segment.upperBound {
                    lines.append(index..<cut)
                } else {
                    start = index
                    end = cut
                    lineWidth = cutWidth
                }
                index = cut
            }
        }
        if let lineStart = start { lines.append(lineStart..<end) }
        return lines.isEmpty ? [0..<0] : lines
    }

    /// Runs that stay on one line: a CJK character (with the closing punctuation after it and the opening
    /// punctuation before it), a Latin word, a run of spaces.
    static func segments(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var segments: [Range<Int>] = []
        var openedAt: Int?   // the start of opening punctuation waiting for what follows it
        for (index, scalar) in scalars.enumerated() {
            let space = isSpace(scalar)
            let wide = isWide(scalar)
            if let last = segments.last, !space {
                let lastScalar = scalars[last.upperBound - 1]
                let lastIsSpace = isSpace(scalars[last.lowerBound])
                let glue = !lastIsSpace && (
                    isClosing(scalar) || openedAt == last.lowerBound
                        || (!wide && !isWide(lastScalar)))
                if glue {
                    segments[segments.count - 1] = last.lowerBound..<(index + 1)
                    if !isOpening(scalar) { openedAt = nil }
                    continue
                }
            }
            if space, let last = segments.last, isSpace(scalars[last.lowerBound]) {
                segments[segments.count - 1] = last.lowerBound..<(index + 1)
                continue
            }
            segments.append(index..<(index + 1))
            openedAt = isOpening(scalar) ? index : nil
        }
        return segments
    }

    /// A space a line may break at (not the ideographic space U+3000, which is a CJK character).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == " " }

    /// East Asian wide and full-width characters (CJK ideographs, kana, hangul, full-width forms, CJK punctuation).
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Punctuation that must not start a line.
    static func isClosing(_ scalar: Unicode.Scalar) -> Bool {
        "，。、；：？！）」』】》〉〕〗〙〛”’…—～·,.;:?!)]}%".unicodeScalars.contains(scalar)
    }

    /// Punctuation that must not end a line.
    static func isOpening(_ scalar: Unicode.Scalar) -> Bool {
        "（「『【《〈〔〖〘〚“‘([{".unicodeScalars.contains(scalar)
    }
}
