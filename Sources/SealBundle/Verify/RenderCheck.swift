import Foundation
import SealCrypto
import SealRender

/// Redraws filed seals from their filed fields and compares the images by SM3 — only where this machine's template
/// files and fonts are the ones the bundle says the station used; elsewhere it says what differs instead of
/// reporting a false mismatch.
struct RenderCheck: Sendable {
    let templates: TemplateLibrary?
    let provenance: RenderingProvenance
    /// Why nothing can be compared here (fonts differ, or no templates), if so.
    let notComparable: [String]
    /// Template id → why seals of that template cannot be compared.
    let templateDifferences: [String: String]

    init(templates: TemplateLibrary?, provenance: RenderingProvenance) {
        self.templates = templates
        self.provenance = provenance
        var reasons: [String] = []
        var differences: [String: String] = [:]
        if let templates {
            for font in provenance.fonts {
                guard let role = FontRole(rawValue: font.role) else {
                    reasons.append("the bundle names a font role '\(font.role)' this verifier does not have")
                    continue
                }
                let local = (try? RenderingProvenance.fontSM3(role)) ?? "missing"
                if local != font.sm3 {
                    reasons.append("the \(role.rawValue) font differs (bundle: \(font.file) \(font.debianPackage) \(font.packageVersion), SM3 \(font.sm3.prefix(16))…; here: SM3 \(local.prefix(16))…)")
                }
            }
            for (id, sm3) in provenance.templates {
                let local = (try? Hex.encode(SM3.hash(templates.source(of: id)))) ?? "missing"
                if local != sm3 {
                    differences[id] = local == "missing"
                        ? "template \(id) is not in \(templates.directory.path)"
                        : "template \(id) differs (bundle SM3 \(sm3.prefix(16))…, here \(local.prefix(16))…)"
                }
            }
        } else {
            reasons.append("no template directory given")
        }
        notComparable = reasons
        templateDifferences = differences
    }

    var canRender: Bool { templates != nil && notComparable.isEmpty }

    func compare(_ entry: FilingBundle.SealEntry, renderer: SealRenderer?) -> BundleVerificationReport.ImageComparison {
        let filing = entry.filing
        guard let templates, notComparable.isEmpty, let renderer else {
            return .init(status: .notCompared, detail: notComparable.first ?? "no renderer")
        }
        guard provenance.templates[filing.template] != nil else {
            return .init(status: .differs, detail: "rendering.json does not describe template \(filing.template)")
        }
        if let difference = templateDifferences[filing.template] { return .init(status: .notCompared, detail: difference) }
        do {
            let layout = try renderer.layout(
                try templates.template(filing.template),
                content: .seal(unitName: filing.unitName, useName: filing.useName, holderName: filing.holderName, code: filing.physicalCode))
            let png = Hex.encode(try SM3.hash(renderer.render(layout, format: .png, dpi: provenance.dpi)))
            let svg = Hex.encode(try SM3.hash(renderer.render(layout, format: .svg)))
            switch (png == filing.pngSM3, svg == filing.svgSM3) {
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
