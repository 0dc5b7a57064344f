import Foundation

/// What the filed images were drawn with, `data/rendering.json`: each template's id and the SM3 of its YAML file,
/// and the SM3 of every font file (with its Debian package version), so a verifier re-renders only where its own
/// templates and fonts are the same and says so where they differ. Filing data only: `SealBundleRender` computes it
/// for this machine (`RenderingProvenance.current`) and compares it (`RedrawImageCheck`).
public struct RenderingProvenance: Codable, Sendable, Equatable {
    /// One font file.
    public struct Font: Codable, Sendable, Equatable {
        public var role: String
        public var file: String
        public var sm3: String
        public var debianPackage: String
        public var packageVersion: String

        public init(role: String, file: String, sm3: String, debianPackage: String, packageVersion: String) {
            self.role = role
            self.file = file
            self.sm3 = sm3
            self.debianPackage = debianPackage
            self.packageVersion = packageVersion
        }
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
}
