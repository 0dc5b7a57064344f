import Foundation

/// Turns a template and content into a `SealLayout`: arc text spread and narrowed to the name's length, lines,
/// the bottom code, the star and the grid of square seals.
final class LayoutEngine {
    private let faces: [FontRole: FontFace]

    /// The smallest gap between neighbouring glyphs' ink on an arc.
    static let minimumInkGapMM = 0.25
    /// Space between the frames of neighbouring glyphs in a horizontal line of hanzi.
    static let lineGlyphGapMM = 0.4

    init(faces: [FontRole: FontFace]) {
        self.faces = faces
    }

    func layout(_ template: SealTemplate, content: SealContent) throws -> SealLayout {
        let (red, green, blue) = try Self.color(template)
        var layout = SealLayout(
            widthMM: template.widthMM, heightMM: template.heightMM, red: red, green: green, blue: blue, border: nil,
            star: [], glyphs: [])
        let cx = template.widthMM / 2, cy = template.heightMM / 2
        let w = template.borderMM
        if w > 0 {
            switch template.shape {
            case .round, .ellipse:
                layout.border = .ellipse(
                    centerX: cx, centerY: cy, radiusX: template.widthMM / 2 - w / 2, radiusY: template.heightMM / 2 - w / 2, width: w)
            case .square:
                layout.border = .rectangle(x: w / 2, y: w / 2, width: template.widthMM - w, height: template.heightMM - w, strokeWidth: w)
            }
        }
        try validate(template, content: content)
        if let star = template.star {
            let r = star.diameterMM / 2, inner = r * 0.381966
            layout.star = (0..<10).map { index in
                let radius = index.isMultiple(of: 2) ? r : inner
                let angle = Double(index) * .pi / 5  // clockwise from the top
                return (cx + radius * sin(angle), cy + star.offsetBelowMM - radius * cos(angle))
            }
        }
        if let arc = template.arcText {
            layout.glyphs += try arcGlyphs(arc, template: template, text: try text(content, arc.field))
        }
        for line in template.lines ?? [] {
            // A line shows its field, or its fixed text when the field is not given; a line with neither is left out.
            guard let value = line.field.flatMap({ content[$0] }) ?? line.text else { continue }
            guard !value.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw SealRenderError.emptyText(field: line.field ?? "line")
            }
            layout.glyphs += try lineGlyphs(line, text: value, cx: cx, cy: cy)
        }
        if let bottom = template.bottomArcText, let value = content[bottom.field], !value.isEmpty {
            layout.glyphs += try bottomArcGlyphs(bottom, template: template, text: value)
        }
        if let grid = template.grid {
            layout.glyphs += try gridGlyphs(grid, template: template, text: try text(content, grid.field))
        }
        return layout
    }

    // MARK: - Content checks

    private func text(_ content: SealContent, _ field: String) throws -> String {
        guard let value = content[field]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
            throw SealRenderError.emptyText(field: field)
        }
        return value
    }

    private func validate(_ template: SealTemplate, content: SealContent) throws {
        for (field, rule) in template.rules ?? [:] {
            guard let value = content[field], !value.isEmpty else { continue }
            guard value.range(of: "^(?:\(rule.pattern))$", options: .regularExpression) != nil else {
                throw SealRenderError.malformedCode(field: field, value: value, expected: rule.description)
            }
        }
    }

    static func color(_ template: SealTemplate) throws -> (UInt8, UInt8, UInt8) {
        let hex = template.color.hasPrefix("#") ? String(template.color.dropFirst()) : template.color
        guard hex.count == 6, let value = UInt32(hex, radix: 16) else {
            throw SealRenderError.invalidTemplate(id: template.id, reason: "color \"\(template.color)\" is not #RRGGBB")
        }
        return (UInt8(value >> 16), UInt8(value >> 8 & 0xff), UInt8(value & 0xff))
    }

    // MARK: - Glyph metrics

    private struct GlyphInfo {
        let character: Character
        let index: UInt32
        let advanceEm: Double
        /// Ink box in em: xMin, yMin, xMax, yMax (y up from the baseline).
        let ink: (Double, Double, Double, Double)
    }

    private func glyphs(_ text: String, role: FontRole, field: String) throws -> [GlyphInfo] {
        guard let face = faces[role] else { throw SealRenderError.drawing(operation: "font", status: "no face for \(role)") }
        return try text.map { character in
            guard let index = face.glyphIndex(character) else {
                throw SealRenderError.characterNotInFont(character: String(character), field: field, font: role.family)
            }
            let metrics = try face.metrics(glyph: index)
            return GlyphInfo(character: character, index: index, advanceEm: metrics.advance, ink: metrics.box)
        }
    }

    /// Em size and centre-above-baseline for a frame of `heightMM`: for the Song face the frame is the ideographic
    /// em box (−0.12…0.88 em); for the sans face it is the visible height of the digits.
    private func vertical(_ role: FontRole, heightMM: Double) throws -> (emSize: Double, centerAboveBaselineEm: Double) {
        switch role {
        case .song:
            return (heightMM, 0.38)
        case .sans:
            guard let face = faces[.sans], let zero = face.glyphIndex("0") else {
                throw SealRenderError.drawing(operation: "font", status: "no digit 0 in the sans face")
            }
            let digitHeightEm = try face.metrics(glyph: zero).box.3
            return (heightMM / digitHeightEm, digitHeightEm / 2)
        }
    }

    // MARK: - Upper arc

    /// A point and tangent angle on the ellipse x = cx + a·sin t, y = cy − b·cos t (t = 0 at the top, clockwise).
    private static func point(a: Double, b: Double, t: Double) -> (x: Double, y: Double) { (a * sin(t), -b * cos(t)) }

    /// The parameter t of the point at polar angle φ (clockwise from the top).
    private static func parameter(a: Double, b: Double, polar: Double) -> Double { atan2(b * sin(polar), a * cos(polar)) }

    /// Parameters of `count` glyph centres spread by equal arc length over the polar span ±span/2 (edge to edge).
    private static func centres(a: Double, b: Double, span: Double, count: Int) -> [Double] {
        let t0 = parameter(a: a, b: b, polar: -span / 2), t1 = parameter(a: a, b: b, polar: span / 2)
        let steps = 2048
        var lengths = [0.0]
        var previous = point(a: a, b: b, t: t0)
        for step in 1...steps {
            let t = t0 + (t1 - t0) * Double(step) / Double(steps)
            let p = point(a: a, b: b, t: t)
            lengths.append(lengths.last! + hypot(p.x - previous.x, p.y - previous.y))
            previous = p
        }
        let total = lengths.last!
        return (0..<count).map { index in
            let target = total * (Double(index) + 0.5) / Double(count)
            var low = 0, high = steps
            while high - low > 1 {
                let mid = (low + high) / 2
                if lengths[mid] < target { low = mid } else { high = mid }
            }
            let fraction = (target - lengths[low]) / max(lengths[high] - lengths[low], 1e-12)
            return t0 + (t1 - t0) * (Double(low) + fraction) / Double(steps)
        }
    }

    private func arcGlyphs(_ arc: SealTemplate.ArcText, template: SealTemplate, text: String) throws -> [SealLayout.Glyph] {
        let info = try glyphs(text, role: arc.font, field: arc.field)
        let n = info.count
        let cx = template.widthMM / 2, cy = template.heightMM / 2
        let h = arc.heightMM
        // Centre curve of the glyph frames, and the curve through the bottom of their ink (where neighbours are
        // closest); ellipse offsets are approximated by ellipses.
        let inset = template.borderMM + arc.gapMM + h / 2
        let a = template.widthMM / 2 - inset, b = template.heightMM / 2 - inset
        guard a - h / 2 > 0, b - h / 2 > 0 else {
            throw SealRenderError.invalidTemplate(id: template.id, reason: "arc text is too tall for the seal")
        }
        // The widest glyphs (x-scale) for which neighbours' ink stays `minimumInkGapMM` apart. Each glyph's ink box
        // (measured from the font) is turned to the local normal, so on a curve the bottom corners of neighbours
        // come closest; they are checked exactly, which matters on the tight ends of an ellipse.
        let (emSizeForLayout, centerAboveForLayout) = try vertical(arc.font, heightMM: h)
        func widestXScale(span: Double) -> Double {
            guard n > 1 else { return 1 }
            let ts = Self.centres(a: a, b: b, span: span, count: n)
            let frames = ts.map { t -> (x: Double, y: Double, tx: Double, ty: Double) in
                let p = Self.point(a: a, b: b, t: t)
                let tx = a * cos(t), ty = b * sin(t), length = hypot(tx, ty)
                return (p.x, p.y, tx / length, ty / length)
            }
            // Bottom corners of glyph i's ink at x-scale `scale`, in seal coordinates (y down).
            func corner(_ i: Int, right: Bool, scale: Double) -> (Double, Double) {
                let glyph = info[i], frame = frames[i]
                let horizontal = scale * h / (glyph.advanceEm * emSizeForLayout)
                let x = ((right ? glyph.ink.2 : glyph.ink.0) - glyph.advanceEm / 2) * emSizeForLayout * horizontal
                let up = (glyph.ink.1 - centerAboveForLayout) * emSizeForLayout  // negative: below the frame centre
                // Local x runs along the tangent; local up is the outward normal (ty, −tx) on the page.
                return (frame.x + frame.tx * x + frame.ty * up, frame.y + frame.ty * x - frame.tx * up)
            }
            func fits(_ scale: Double) -> Bool {
                (0..<(n - 1)).allSatisfy { i in
                    let left = corner(i, right: true, scale: scale), right = corner(i + 1, right: false, scale: scale)
                    // The pair must be apart and in order (the right glyph's corner further along the tangent).
                    let along = (right.0 - left.0) * frames[i].tx + (right.1 - left.1) * frames[i].ty
                    return along > 0 && hypot(right.0 - left.0, right.1 - left.1) >= Self.minimumInkGapMM
                }
            }
            if fits(1) { return 1 }
            var low = 0.0, high = 1.0
            for _ in 0..<30 {
                let mid = (low + high) / 2
                if fits(mid) { low = mid } else { high = mid }
            }
            return low
        }
        let minSpan = arc.minSpanDegrees * .pi / 180, maxSpan = arc.maxSpanDegrees * .pi / 180
        var span = maxSpan
        var xScale = 1.0
        if widestXScale(span: minSpan) >= 1 {
            span = minSpan
        } else if widestXScale(span: maxSpan) >= 1 {
            var low = minSpan, high = maxSpan
            for _ in 0..<40 {
                let mid = (low + high) / 2
                if widestXScale(span: mid) >= 1 { high = mid } else { low = mid }
            }
            span = high
        } else {
            xScale = widestXScale(span: maxSpan)
            guard xScale >= arc.minXScale else {
                throw SealRenderError.textTooLong(field: arc.field, glyphs: n, needed: xScale, minimum: arc.minXScale)
            }
        }
        let (emSize, centerAbove) = try vertical(arc.font, heightMM: h)
        return zip(info, Self.centres(a: a, b: b, span: span, count: n)).map { glyph, t in
            let p = Self.point(a: a, b: b, t: t)
            // Up is the outward normal: the tangent (a·cos t, b·sin t) turned a quarter left.
            let rotation = atan2(b * sin(t), a * cos(t))
            return SealLayout.Glyph(
                role: arc.font, character: glyph.character, glyphIndex: glyph.index, centerX: cx + p.x, centerY: cy + p.y,
                rotation: rotation, emSizeMM: emSize, xScale: xScale * h / (glyph.advanceEm * emSize),
                yScale: 1, advanceEm: glyph.advanceEm, centerAboveBaselineEm: centerAbove, field: arc.field)
        }
    }

    // MARK: - Lower arc (code)

    private func bottomArcGlyphs(_ arc: SealTemplate.BottomArcText, template: SealTemplate, text: String) throws -> [SealLayout.Glyph] {
        let info = try glyphs(text, role: arc.font, field: arc.field)
        let cx = template.widthMM / 2, cy = template.heightMM / 2
        let (emSize, centerAbove) = try vertical(arc.font, heightMM: arc.heightMM)
        let inset = template.borderMM + arc.gapMM + arc.heightMM / 2
        let a = template.widthMM / 2 - inset, b = template.heightMM / 2 - inset
        let span = arc.spanDegrees * .pi / 180
        let n = info.count
        return info.enumerated().map { index, glyph in
            // Left to right along the bottom: from polar angle π + span/2 down to π − span/2.
            let polar = .pi + span / 2 - (n == 1 ? span / 2 : span * Double(index) / Double(n - 1))
            let t = Self.parameter(a: a, b: b, polar: polar)
            let p = Self.point(a: a, b: b, t: t)
            let rotation = atan2(b * sin(t), a * cos(t)) - .pi  // tops towards the centre
            return SealLayout.Glyph(
                role: arc.font, character: glyph.character, glyphIndex: glyph.index, centerX: cx + p.x, centerY: cy + p.y,
                rotation: rotation, emSizeMM: emSize, xScale: arc.xScale, yScale: 1, advanceEm: glyph.advanceEm,
                centerAboveBaselineEm: centerAbove, field: arc.field)
        }
    }

    // MARK: - Horizontal lines

    private func lineGlyphs(_ line: SealTemplate.Line, text: String, cx: Double, cy: Double) throws -> [SealLayout.Glyph] {
        let field = line.field ?? "line"
        let info = try glyphs(text, role: line.font, field: field)
        let n = Double(info.count)
        let (emSize, centerAbove) = try vertical(line.font, heightMM: line.heightMM)
        let natural = line.font == .song ? line.heightMM : info.map(\.advanceEm).max()! * emSize
        let gap = line.font == .song ? Self.lineGlyphGapMM : 0
        var glyphWidth = line.glyphWidthMM ?? natural
        if let maxWidth = line.maxWidthMM, glyphWidth * n + gap * (n - 1) > maxWidth {
            glyphWidth = (maxWidth - gap * (n - 1)) / n
        }
        let pitch: Double
        if let total = line.totalWidthMM, info.count > 1 {
            pitch = (total - glyphWidth) / (n - 1)
        } else {
            pitch = glyphWidth + gap
        }
        let firstCenter = cx - pitch * (n - 1) / 2
        return info.enumerated().map { index, glyph in
            SealLayout.Glyph(
                role: line.font, character: glyph.character, glyphIndex: glyph.index,
                centerX: firstCenter + pitch * Double(index), centerY: cy + line.centerBelowMM, rotation: 0,
                emSizeMM: emSize, xScale: glyphWidth / (glyph.advanceEm * emSize), yScale: 1, advanceEm: glyph.advanceEm,
                centerAboveBaselineEm: centerAbove, field: field)
        }
    }

    // MARK: - Square grid

    private func gridGlyphs(_ grid: SealTemplate.Grid, template: SealTemplate, text: String) throws -> [SealLayout.Glyph] {
        let info = try glyphs(text, role: grid.font, field: grid.field)
        let inset = template.borderMM + grid.marginMM
        let x0 = inset, y0 = inset
        let width = template.widthMM - 2 * inset, height = template.heightMM - 2 * inset
        // Cells as (column from the right, row, rows spanned): right column first, top to bottom.
        let cells: [(column: Int, row: Int, tall: Bool)]
        switch info.count {
        case 2: cells = [(0, 0, true), (1, 0, true)]
        case 3 where info[2].character == "印":
            // A two-character name and 印: the name in the right column, 印 tall on the left.
            cells = [(0, 0, false), (0, 1, false), (1, 0, true)]
        case 3: cells = [(0, 0, true), (1, 0, false), (1, 1, false)]
        case 4: cells = [(0, 0, false), (0, 1, false), (1, 0, false), (1, 1, false)]
        default: throw SealRenderError.unsupportedGlyphCount(field: grid.field, count: info.count, supported: [2, 3, 4])
        }
        let cellWidth = width / 2, cellHeight = height / 2
        let (emSize, centerAbove) = try vertical(grid.font, heightMM: cellHeight)
        return zip(info, cells).map { glyph, cell in
            let centerX = x0 + width - cellWidth * (Double(cell.column) + 0.5)
            let centerY = cell.tall ? y0 + height / 2 : y0 + cellHeight * (Double(cell.row) + 0.5)
            return SealLayout.Glyph(
                role: grid.font, character: glyph.character, glyphIndex: glyph.index, centerX: centerX, centerY: centerY,
                rotation: 0, emSizeMM: emSize, xScale: cellWidth / (glyph.advanceEm * emSize), yScale: cell.tall ? 2 : 1,
                advanceEm: glyph.advanceEm, centerAboveBaselineEm: centerAbove, field: grid.field)
        }
    }
}
