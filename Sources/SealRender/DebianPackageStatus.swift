import Foundation

/// The versions of installed Debian packages, read from dpkg's status database (`/var/lib/dpkg/status`, deb822
/// stanzas) rather than by running dpkg-query: no child process, so it works wherever the station runs (a process
/// that is PID 1 of a container never sees its children's exit, and a child could hang it).
struct DebianPackageStatus {
    /// Installed packages' versions by name (for a multi-arch package, the native or architecture-independent one).
    let versions: [String: String]

    /// The Debian architecture this program was built for.
    static var nativeArchitecture: String {
        #if arch(x86_64)
        return "amd64"
        #elseif arch(arm64)
        return "arm64"
        #else
        return "unknown"
        #endif
    }

    static let defaultPath = "/var/lib/dpkg/status"

    /// Reads `path`; an unreadable file (not a Debian system) gives no versions.
    init(path: String = DebianPackageStatus.defaultPath) {
        let data = FileManager.default.contents(atPath: path)
        self.init(parsing: data.map { String(decoding: $0, as: UTF8.self) } ?? "")
    }

    /// Parses the stanzas of a status file: `Package:`, `Status:` (installed when its third word is `installed`, as in
    /// `install ok installed` or `hold ok installed`) and `Version:`.
    init(parsing text: String, architecture: String = DebianPackageStatus.nativeArchitecture) {
        var versions: [String: String] = [:]
        var foreign: [String: String] = [:]
        for stanza in text.components(separatedBy: "\n\n") {
            var fields: [String: String] = [:]
            for line in stanza.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix(" ") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let name = String(line[..<colon])
                guard ["Package", "Status", "Version", "Architecture"].contains(name) else { continue }
                fields[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            guard let package = fields["Package"], let version = fields["Version"],
                  fields["Status"]?.split(separator: " ").last == "installed" else { continue }
            let native = fields["Architecture"].map { $0 == architecture || $0 == "all" } ?? true
            if native {
                versions[package] = versions[package] ?? version
            } else {
                foreign[package] = foreign[package] ?? version
            }
        }
        self.versions = versions.merging(foreign) { native, _ in native }
    }
}
