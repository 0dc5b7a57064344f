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

    /// Reads the installed versions with dpkg-query (empty when dpkg is unavailable).
    public static func current() -> FontInventory {
        let fonts = FontRole.allCases.map { role in
            let size = (try? FileManager.default.attributesOfItem(atPath: role.path))?[.size] as? Int ?? 0
            return Entry(
                role: role.rawValue, family: role.family, path: role.path, debianPackage: role.debianPackage,
                packageVersion: packageVersion(role.debianPackage), fileBytes: size)
        }
        var libraries: [String: String] = [:]
        for package in ["libcairo2", "libfreetype6", "libpixman-1-0", "zlib1g"] { libraries[package] = packageVersion(package) }
        return FontInventory(fonts: fonts, libraries: libraries)
    }

    static func packageVersion(_ package: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/dpkg-query")
        process.arguments = ["-W", "-f=${Version}", package]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return "unknown" }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let version = String(decoding: data, as: UTF8.self)
        return process.terminationStatus == 0 && !version.isEmpty ? version : "unknown"
    }
}
