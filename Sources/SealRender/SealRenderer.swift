import Foundation

/// The output formats of a rendered seal.
public enum SealImageFormat: String, Sendable, Codable, CaseIterable {
    case svg, png, pdf

    public var fileExtension: String { rawValue }
}

/// Lays out and draws seal images. Owns its FreeType faces; use one renderer per thread.
public final class SealRenderer {
    let faces: [FontRole: FontFace]
    private let engine: LayoutEngine

    /// The default resolution of PNG output.
    public static let defaultDPI = 600.0

    /// Loads the Song and sans faces from their Debian paths.
    /// - Throws: `SealRenderError.fontMissing` naming the package to install.
    public init() throws {
        var faces: [FontRole: FontFace] = [:]
        for role in FontRole.allCases { faces[role] = try FontFace(role) }
        self.faces = faces
        self.engine = LayoutEngine(faces: faces)
    }

    /// The layout of `template` with `content`.
    /// - Throws: `SealRenderError` for empty text, characters the font lacks, text too long, malformed codes.
    public func layout(_ template: SealTemplate, content: SealContent) throws -> SealLayout {
        try engine.layout(template, content: content)
    }

    /// The image of `layout` in `format` (PNG at `dpi`, with pHYs). The same layout gives the same bytes.
    public func render(_ layout: SealLayout, format: SealImageFormat, dpi: Double = SealRenderer.defaultDPI) throws -> [UInt8] {
        switch format {
        case .png:
            return try CairoCanvas.png(layout, faces: faces, dpi: dpi)
        case .svg:
            return Self.normalizedSVG(try CairoCanvas.svg(layout, faces: faces))
        case .pdf:
            return try CairoCanvas.pdf(layout, faces: faces)
        }
    }

    /// cairo numbers SVG surfaces with a process-wide counter (`id="surface7"`); fix it so outputs are reproducible.
    static func normalizedSVG(_ bytes: [UInt8]) -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        let normalized = text.replacingOccurrences(of: #"id="surface\d+""#, with: #"id="seal""#, options: .regularExpression)
        return Array(normalized.utf8)
    }
}
