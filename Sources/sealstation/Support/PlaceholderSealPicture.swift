import Foundation

/// A simple round seal picture in SVG for the demo, drawn until the rendering module exists: ring, five-pointed
/// star, the unit name along the upper arc (one rotated glyph each, so every SVG viewer places it) and the use name
/// under the star. Text is SVG text (a viewer needs a CJK font), not the cut-seal geometry of the templates.
enum PlaceholderSealPicture {
    static func svg(unitName: String, useName: String, diameterMM: Double = 42) -> [UInt8] {
        let r = diameterMM / 2
        let ring = 1.2
        let starOuter = 7.0, starInner = starOuter * 0.382
        var points: [String] = []
        for index in 0..<10 {
            let radius = index.isMultiple(of: 2) ? starOuter : starInner
            let angle = Double(index) * .pi / 5 - .pi / 2
            points.append("\(fmt(r + radius * cos(angle))),\(fmt(r + radius * sin(angle)))")
        }
        // Glyphs evenly over an arc symmetric about the top; the span grows with the name, up to 240°.
        let glyphs = Array(unitName)
        let glyphSize = 4.6
        let baselineRadius = r - ring - 1.0 - glyphSize * 0.88
        let span = min(240.0, 20.0 * Double(glyphs.count))
        var arcText = ""
        for (index, glyph) in glyphs.enumerated() {
            let fraction = glyphs.count == 1 ? 0.5 : Double(index) / Double(glyphs.count - 1)
            let degrees = -span / 2 + span * fraction  // 0° is straight up, positive clockwise
            let radians = degrees * .pi / 180
            let x = r + baselineRadius * sin(radians), y = r - baselineRadius * cos(radians)
            arcText += "<text transform=\"translate(\(fmt(x)),\(fmt(y))) rotate(\(fmt(degrees)))\" font-size=\"\(fmt(glyphSize))\">"
                + escape(String(glyph)) + "</text>\n"
        }
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(fmt(diameterMM))mm" height="\(fmt(diameterMM))mm" viewBox="0 0 \(fmt(diameterMM)) \(fmt(diameterMM))">
            <circle cx="\(fmt(r))" cy="\(fmt(r))" r="\(fmt(r - ring / 2))" fill="none" stroke="#dc0000" stroke-width="\(fmt(ring))"/>
            <polygon points="\(points.joined(separator: " "))" fill="#dc0000"/>
            <g font-family="Noto Serif CJK SC" font-weight="bold" fill="#dc0000" text-anchor="middle">
            \(arcText)<text x="\(fmt(r))" y="\(fmt(r + 12))" font-size="3.6">\(escape(useName))</text>
            </g>
            </svg>

            """
        return Array(svg.utf8)
    }

    private static func fmt(_ value: Double) -> String { String(format: "%.3f", value) }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
