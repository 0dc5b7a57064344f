public import SealBundle
import SealCrypto
public import SealRender
import Foundation

/// The station's ``BundleImageCheck``: redraws filed seals from their filed fields with this machine's templates and
/// fonts and compares the images by SM3 — only where the template files and fonts are the ones the bundle says the
/// station used (`data/rendering.json`); elsewhere it says what differs instead of reporting a false mismatch.
///
///     let verifier = BundleVerifier(anchor: stationCA, imageCheck: RedrawImageCheck(templates: library))
public struct RedrawImageCheck: BundleImageCheck {
    /// The templates to redraw with.
    public let templates: TemplateLibrary
    /// Template id → SM3 (hex) of this machine's template file.
    private let templateSM3: [String: String]
    private let renderers = SealRendererPool()

    public init(templates: TemplateLibrary) {
        self.templates = templates
        var digests: [String: String] = [:]
        for template in templates.templates {
            if let source = try? templates.source(of: template.id), let digest = try? SM3.hash(source) {
                digests[template.id] = Hex.encode(digest)
            }
        }
        templateSM3 = digests
    }

    /// The first font of `rendering` that is not this machine's (a role it does not know, or another file).
    public func notComparable(_ rendering: RenderingProvenance) -> String? {
        for font in rendering.fonts {
            guard let role = FontRole(rawValue: font.role) else {
                return "the bundle names a font role '\(font.role)' this verifier does not have"
            }
            let local = (try? RenderingProvenance.fontSM3(role)) ?? "missing"
            if local != font.sm3 {
                return "the \(role.rawValue) font differs (bundle: \(font.file) \(font.debianPackage) \(font.packageVersion), SM3 \(font.sm3.prefix(16))…; here: SM3 \(local.prefix(16))…)"
            }
        }
        return nil
    }

    /// Redraws `seal` (PNG at the bundle's resolution, and SVG) and compares both with the filed images; a template
    /// that is missing here or differs from the bundle's is reported as not compared.
    public func compare(_ seal: FilingBundle.SealEntry, rendering: RenderingProvenance) -> BundleVerificationReport.ImageComparison {
        let filing = seal.filing
        guard let renderer = renderers.take() else { return .init(status: .notCompared, detail: "no renderer") }
        defer { renderers.put(renderer) }
        guard let filedSM3 = rendering.templates[filing.template] else {
            return .init(status: .differs, detail: "rendering.json does not describe template \(filing.template)")
        }
        let local = templateSM3[filing.template] ?? "missing"
        if local != filedSM3 {
            return .init(status: .notCompared, detail: local == "missing"
                ? "template \(filing.template) is not in \(templates.directory.path)"
                : "template \(filing.template) differs (bundle SM3 \(filedSM3.prefix(16))…, here \(local.prefix(16))…)")
        }
        do {
            let layout = try renderer.layout(
                try templates.template(filing.template),
                content: .seal(unitName: filing.unitName, useName: filing.useName, holderName: filing.holderName, code: filing.physicalCode))
            let png = try renderer.render(layout, format: .png, dpi: rendering.dpi) == seal.picture()
            let svg = Hex.encode(try SM3.hash(renderer.render(layout, format: .svg)))
            switch (png, svg == filing.svgSM3) {
            case (true, true): return .init(status: .match, detail: "PNG and SVG redrawn identically")
            case (false, true): return .init(status: .differs, detail: "the redrawn PNG differs from the filed one (the SVG matches)")
            case (true, false): return .init(status: .differs, detail: "the redrawn SVG differs from the filed one (the PNG matches)")
            case (false, false): return .init(status: .differs, detail: "the redrawn PNG and SVG differ from the filed ones")
            }
        } catch {
            return .init(status: .differs, detail: "the filed fields cannot be drawn with template \(filing.template): \(error)")
        }
    }
}
