import Foundation
public import SealBundle
import SealCrypto
public import SealRender

extension RenderingProvenance {
    /// The provenance of `templateIDs` from `library` and the fonts installed here (their Debian package versions by
    /// dpkg-query): what a station files as `data/rendering.json`.
    public static func current(templateIDs: Set<String>, library: TemplateLibrary) throws -> RenderingProvenance {
        var templates: [String: String] = [:]
        for id in templateIDs { templates[id] = Hex.encode(try SM3.hash(library.source(of: id))) }
        let inventory = FontInventory.current()
        let fonts = try FontRole.allCases.map { role in
            Font(role: role.rawValue, file: role.path, sm3: try fontSM3(role),
                 debianPackage: role.debianPackage,
                 packageVersion: inventory.fonts.first { $0.role == role.rawValue }?.packageVersion ?? "unknown")
        }
        return RenderingProvenance(templates: templates, fonts: fonts, dpi: SealRenderer.defaultDPI)
    }

    /// SM3 of the font file of `role` (hashed once per process: font files are large and do not change under us).
    public static func fontSM3(_ role: FontRole) throws -> String {
        if let known = FontDigests.shared.value(role) { return known }
        guard let data = FileManager.default.contents(atPath: role.path) else {
            throw SealRenderError.fontMissing(path: role.path, package: role.debianPackage)
        }
        let digest = Hex.encode(try SM3.hash(data))
        FontDigests.shared.set(role, digest)
        return digest
    }
}
