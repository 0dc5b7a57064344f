import Foundation

/// What the reproducibility of an image depends on: the font files (path, size, and the Debian package version
/// that shipped them) and the versions of the drawing libraries.
public struct FontInventory: Codable, Sendable {
    /// One font file.
    public struct Entry: Codable, Sendable {
        public var role: String
        public var family: String
        public var path: String
        public var debianPackage: String
        public var packageVersion: String
        public var fileBytes: Int
    }

    public var fonts: [Entry]
    /// Debian versions of the drawing libraries (cairo, FreeType, pixman).
    public var libraries: [String: String]

    /// Reads the installed versions from dpkg's status database ("unknown" where a package is not installed).
    public static func current() -> FontInventory {
        let installed = DebianPackageStatus()
        func version(_ package: String) -> String { installed.versions[package] ?? "unknown" }
        let fonts = FontRole.allCases.map { role in
            let size = (try? FileManager.default.attributesOfItem(atPath: role.path))?[.size] as? Int ?? 0
            return Entry(
                role: role.rawValue, family: role.family, path: role.path, debianPackage: role.debianPackage,
                packageVersion: version(role.debianPackage), fileBytes: size)
        }
        var libraries: [String: String] = [:]
        for package in ["libcairo2", "libfreetype6", "libpixman-1-0", "zlib1g"] { libraries[package] = version(package) }
        return FontInventory(fonts: fonts, libraries: libraries)
    }
}
