@testable import SealRender
import SealTestSupport
import Testing

/// The package versions a rendering depends on, read from dpkg's status database without running dpkg.
@Suite("Font and library inventory")
struct FontInventoryTests {
    @Test("the versions read from /var/lib/dpkg/status are dpkg-query's")
    func matchesDpkgQuery() throws {
        let inventory = FontInventory.current()
        let packages = inventory.fonts.map(\.debianPackage) + inventory.libraries.keys.sorted()
        for package in packages {
            let queried = try ExternalTool.run("dpkg-query", ["-W", "-f=${Version}", package])
            #expect(queried.succeeded, "\(package): \(queried.stderr)")
            let ours = inventory.fonts.first { $0.debianPackage == package }?.packageVersion ?? inventory.libraries[package]
            #expect(ours == queried.stdout, "\(package)")
        }
    }

    @Test("only installed stanzas count; continuation lines and other fields are skipped; a missing file gives none")
    func parsing() {
        let status = DebianPackageStatus(parsing: """
            Package: fonts-noto-cjk
            Status: install ok installed
            Description: a face
             Version: 9 (a continuation line, not a field)
            Version: 1:20220127+repack1-1

            Package: removed-one
            Status: deinstall ok config-files
            Version: 2.0

            Package: held
            Status: hold ok installed
            Version: 3.1

            Package: libcairo2
            Status: install ok installed
            Architecture: i386
            Version: 1.16.0-6

            Package: libcairo2
            Status: install ok installed
            Architecture: amd64
            Version: 1.16.0-7
            """, architecture: "amd64")
        #expect(status.versions == ["fonts-noto-cjk": "1:20220127+repack1-1", "held": "3.1", "libcairo2": "1.16.0-7"])
        #expect(DebianPackageStatus(path: "/nonexistent/status").versions.isEmpty)
    }
}
