public import Foundation
public import SealRender
import SealCrypto

/// What the filed images were drawn with, `data/rendering.json`: each template's id and the SM3 of its YAML file,
/// and the SM3 of every font file (with its Debian package version), so a verifier re-renders only where its own
/// templates and fonts are the same and says so where they differ.
public struct RenderingProvenance: Codable, Sendable, Equatable {
    /// One font file.
    public struct Font: Codable, Sendable, Equatable {
        public var role: String
        public var file: String
        public var sm3: String
        public var debianPackage: String
        public var packageVersion: String
    }

    /// Template id → SM3 (hex) of its YAML file, for the templates the bundle's seals use.
    public var templates: [String: String]
    public var fonts: [Font]
    /// PNG resolution.
    public var dpi: Double

    public init(templates: [String: String], fonts: [Font], dpi: Double) {
        self.templates = templates
        self.fonts = fonts
        self.dpi = dpi
    }

    /// The provenance of `templateIDs` from `library` and the fonts installed here.
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

/// The process-wide cache of font file digests.
final class FontDigests: @unchecked Sendable {
    static let shared = FontDigests()
    private let lock = NSLock()
    private var digests: [FontRole: String] = [:]

    func value(_ role: FontRole) -> String? { lock.withLock { digests[role] } }
    func set(_ role: FontRole, _ digest: String) { lock.withLock { digests[role] = digest } }
}
