import Foundation

/// The versions of installed Debian packages, read from dpkg's status database (`/var/lib/dpkg/status`, deb822
/// stanzas) rather than by running dpkg-query: no child process, so it works wherever the station runs (a process
/// that is PID 1 of a container never sees its children's exit, and a child could hang it).
struct DebianPackageStatus {
    /// Installed packages' versions by name (the first stanza for a multi-arch name).
    let versions: [String: String]

    static let defaultPath = "/var/lib/dpkg/status"

    /// Reads `path`; an unreadable file (not a Debian system) gives no versions.
    init(path: String = DebianPackageStatus.defaultPath) {
        let data = FileManager.default.contents(atPath: path)
        self.init(parsing: data.map { String(decoding: $0, as: UTF8.self) } ?? "")
    }

    /// Parses the stanzas of a status file: `Package:`, `Status:` (installed when its third word is `installed`, as in
    /// `install ok installed` or `hold ok installed`) and `Version:`.
    init(parsing text: String) {
        var versions: [String: String] = [:]
        for stanza in text.components(separatedBy: "\n\n") {
            var fields: [String: String] = [:]
            for line in stanza.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix(" ") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let name = String(line[..<colon])
                guard name == "Package" || name == "Status" || name == "Version" else { continue }
                fields[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            guard let package = fields["Package"], let version = fields["Version"], fields["Status"]?.split(separator: " ").last == "installed",
                  versions[package] == nil else { continue }
            versions[package] = version
        }
        self.versions = versions
    }
}
