import Foundation
import SealConsole
import SealResources
import SealTestSupport
import Testing

/// The console's templates are found like the seal templates, and a directory without them is refused by name.
@Suite("The console's assets")
struct ConsoleAssetsTests {
    @Test("found in the package resources of a build that is not installed; a flag naming nothing is an error")
    func found() throws {
        let location = try DataResolver.current.locate(.console)
        #expect(location.source == .packageResources || location.source == .installPrefix)
        #expect(location.url.path.hasSuffix("console"))
        for name in ["head.mustache", "foot.mustache", "sign-in.mustache", "workbench.mustache", "error.mustache", "console.css"] {
            #expect(FileManager.default.fileExists(atPath: location.url.appendingPathComponent(name).path), "\(name)")
        }
        #expect(try ConsoleApplication.assets() == location.url)
        #expect(throws: DataResolutionError.self) { try ConsoleApplication.assets(flag: "/nonexistent/console") }
        let environment = DataResolver(environment: ["SEALSTATION_CONSOLE": "relative/console"], executable: nil, packageResources: nil)
        #expect(throws: DataResolutionError.self) { try environment.console() }
    }

    @Test("a console directory without the workbench template or the style sheet is refused, naming the file")
    func incomplete() async throws {
        let directory = try TemporaryDirectory()
        let source = try ConsoleApplication.assets()
        for name in ["head.mustache", "foot.mustache", "sign-in.mustache", "error.mustache", "console.css"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: directory.url.appendingPathComponent(name))
        }
        let fixture = try await ConsoleFixture()
        let listen = try ListenAddress(parsing: "127.0.0.1:8600")
        await #expect(throws: ConsoleAssetsError.missingTemplate(directory: directory.url.path, name: "workbench.mustache")) {
            _ = try await ConsoleApplication(station: fixture.station, listen: listen, assets: directory.url)
        }
        // Everything but the style sheet.
        try FileManager.default.removeItem(at: directory.url.appendingPathComponent("console.css"))
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path)
        where name != "console.css" && !FileManager.default.fileExists(atPath: directory.url.appendingPathComponent(name).path) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: directory.url.appendingPathComponent(name))
        }
        await #expect(throws: ConsoleAssetsError.missingTemplate(directory: directory.url.path, name: "console.css")) {
            _ = try await ConsoleApplication(station: fixture.station, listen: listen, assets: directory.url)
        }
    }

    @Test("a template that does not select the console's escaping on its first line is refused, naming the template")
    func escapingNotSelected() async throws {
        let directory = try TemporaryDirectory()
        let source = try ConsoleApplication.assets()
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: directory.url.appendingPathComponent(name))
        }
        let seals = directory.url.appendingPathComponent("seals.mustache")
        let text = try String(contentsOf: seals, encoding: .utf8)
        let firstLine = try #require(text.split(separator: "\n", maxSplits: 1).first)
        #expect(firstLine == "{{% CONTENT_TYPE: SEALSTATION_HTML }}")
        try String(text.dropFirst(firstLine.count + 1)).write(to: seals, atomically: true, encoding: .utf8)
        let fixture = try await ConsoleFixture()
        let listen = try ListenAddress(parsing: "127.0.0.1:8600")
        await #expect(
            throws: ConsoleAssetsError.escapingNotSelected(
                directory: directory.url.path, name: "seals.mustache", pragma: "{{% CONTENT_TYPE: SEALSTATION_HTML }}")
        ) {
            _ = try await ConsoleApplication(station: fixture.station, listen: listen, assets: directory.url)
        }
    }
}
