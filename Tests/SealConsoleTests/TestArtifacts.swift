import Foundation

/// Where tests keep what a person may want to look at afterwards (the browser test's screenshots):
/// `$SEALSTATION_TEST_ARTIFACTS/<name>/`, else `<package>/.build/test-artifacts/<name>/`. Found from this file's
/// place in the package, so a test works from any current directory.
enum TestArtifacts {
    /// The package root (two levels above this test target's directory).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The artifacts directory `name`, emptied and created afresh for this run.
    static func fresh(_ name: String) throws -> URL {
        let root = ProcessInfo.processInfo.environment["SEALSTATION_TEST_ARTIFACTS"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? packageRoot.appendingPathComponent(".build/test-artifacts")
        let directory = root.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}
