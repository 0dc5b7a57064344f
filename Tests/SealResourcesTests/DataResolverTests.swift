import Foundation
import SealResources
import Testing

/// The one way shipped data is found: flag, environment variable, install prefix, package resources.
@Suite("Finding the data shipped with the program")
struct DataResolverTests {
    /// A fake install tree `<root>/bin/sealstation` + `<root>/share/sealstation/…`, and a separate resource tree.
    final class Trees {
        let root: URL
        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("sealstation-resolver-\(UUID().uuidString)")
            for directory in ["prefix/bin", "prefix/share/sealstation/templates", "prefix/share/sealstation/pkcs11",
                              "resources/Templates/pkcs11", "flag/templates", "environment/templates"] {
                try FileManager.default.createDirectory(at: root.appendingPathComponent(directory), withIntermediateDirectories: true)
            }
            for file in ["prefix/bin/sealstation", "prefix/share/sealstation/pkcs11/vendors.yaml", "resources/Templates/pkcs11/vendors.yaml",
                         "flag/vendors.yaml", "environment/vendors.yaml"] {
                try Data("profiles: []\n".utf8).write(to: root.appendingPathComponent(file))
            }
        }
        deinit { try? FileManager.default.removeItem(at: root) }
        func url(_ path: String) -> URL { root.appendingPathComponent(path) }
    }

    func resolver(_ trees: Trees, environment: [String: String] = [:], installed: Bool = true, resources: Bool = true) -> DataResolver {
        DataResolver(
            environment: environment,
            executable: installed ? trees.url("prefix/bin/sealstation") : trees.url("elsewhere/bin/sealstation"),
            packageResources: resources ? trees.url("resources") : nil)
    }

    @Test("flag, then environment variable, then install prefix, then package resources")
    func order() throws {
        let trees = try Trees()
        let environment = ["SEALSTATION_TEMPLATES": trees.url("environment/templates").path,
                           "SEALSTATION_VENDOR_PROFILES": trees.url("environment/vendors.yaml").path]
        let all = resolver(trees, environment: environment)
        #expect(try all.locate(.templates, flag: trees.url("flag/templates").path) == DataLocation(item: .templates, url: trees.url("flag/templates"), source: .flag))
        #expect(try all.locate(.vendorProfiles, flag: trees.url("flag/vendors.yaml").path).source == .flag)
        #expect(try all.locate(.templates) == DataLocation(item: .templates, url: trees.url("environment/templates"), source: .environment))
        #expect(try all.locate(.vendorProfiles).url == trees.url("environment/vendors.yaml"))
        let installed = resolver(trees)
        #expect(try installed.locate(.templates) == DataLocation(item: .templates, url: trees.url("prefix/share/sealstation/templates"), source: .installPrefix))
        #expect(try installed.locate(.vendorProfiles).url == trees.url("prefix/share/sealstation/pkcs11/vendors.yaml"))
        let built = resolver(trees, installed: false)
        #expect(try built.locate(.templates) == DataLocation(item: .templates, url: trees.url("resources/Templates"), source: .packageResources))
        #expect(try built.locate(.vendorProfiles).url == trees.url("resources/Templates/pkcs11/vendors.yaml"))
        // The variables are separate: one set does not move the other.
        let templatesOnly = resolver(trees, environment: ["SEALSTATION_TEMPLATES": trees.url("environment/templates").path])
        #expect(try templatesOnly.locate(.vendorProfiles).source == .installPrefix)
    }

    @Test("a flag or variable naming something missing is an error naming it, not a silent fallback")
    func namedButMissing() throws {
        let trees = try Trees()
        let missing = trees.url("nowhere").path
        #expect(throws: DataResolutionError.namedButMissing(item: .templates, place: .init(path: missing, rule: .flag, problem: "not there"))) {
            try resolver(trees).locate(.templates, flag: missing)
        }
        let variable = resolver(trees, environment: ["SEALSTATION_VENDOR_PROFILES": trees.url("flag/templates").path])
        #expect {
            try variable.locate(.vendorProfiles)
        } throws: { error in
            "\(error)".contains("SEALSTATION_VENDOR_PROFILES") && "\(error)".contains("a directory, not a file")
                && "\(error)".contains(trees.url("flag/templates").path)
        }
    }

    @Test("nothing found: the error names every place it looked")
    func notFound() throws {
        let trees = try Trees()
        let nowhere = resolver(trees, installed: false, resources: false)
        #expect {
            try nowhere.locate(.templates)
        } throws: { error in
            let text = "\(error)"
            return text.contains("--templates") && text.contains("SEALSTATION_TEMPLATES")
                && text.contains(trees.url("elsewhere/share/sealstation/templates").path) && text.contains("install prefix")
        }
        try FileManager.default.removeItem(at: trees.url("resources/Templates/pkcs11/vendors.yaml"))
        #expect {
            try resolver(trees, installed: false).locate(.vendorProfiles)
        } throws: { error in
            guard case DataResolutionError.notFound(_, let searched) = error else { return false }
            return searched.map(\.rule) == [.installPrefix, .packageResources]
                && searched.map(\.path) == [trees.url("elsewhere/share/sealstation/pkcs11/vendors.yaml").path,
                                            trees.url("resources/Templates/pkcs11/vendors.yaml").path]
        }
    }

    @Test("this build finds the package's resources, and the current directory plays no part")
    func thisBuild() throws {
        let current = DataResolver(environment: [:], executable: DataResolver.runningExecutable, packageResources: DataResolver.current.packageResources)
        let templates = try current.locate(.templates)
        #expect(templates.source == .packageResources)
        #expect(FileManager.default.fileExists(atPath: templates.url.appendingPathComponent("round-42.yaml").path))
        #expect(!templates.url.path.hasPrefix(FileManager.default.currentDirectoryPath + "/Templates"))
        #expect(try current.locate(.vendorProfiles).url.lastPathComponent == "vendors.yaml")
    }
}
