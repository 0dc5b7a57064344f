public import Foundation

/// Runs a tool we did not write (openssl, sqlite3, zbarimg…) for cross-checks. Tests never install tools;
/// Scripts/setup does, and a missing tool fails the test loudly.
public struct ExternalTool {
    /// The result of one run.
    public struct Result: Sendable {
        public let status: Int32
        public let standardOutput: Data
        public let standardError: Data
        public var stdout: String { String(decoding: standardOutput, as: UTF8.self) }
        public var stderr: String { String(decoding: standardError, as: UTF8.self) }
        public var succeeded: Bool { status == 0 }
    }

    /// Runs `executable` (searched in PATH) with `arguments`, feeding `input` on standard input.
    @discardableResult
    public static func run(
        _ executable: String, _ arguments: [String], input: Data? = nil, environment: [String: String]? = nil,
        currentDirectory: URL? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = try locate(executable)
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let stdout = Pipe(), stderr = Pipe(), stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        // Drain both pipes concurrently so a chatty tool cannot block on a full pipe.
        nonisolated(unsafe) var errorData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData = stderr.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        if let input { stdin.fileHandleForWriting.write(input) }
        try? stdin.fileHandleForWriting.close()
        let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, standardOutput: outputData, standardError: errorData)
    }

    /// The absolute path of `name` (or `name` itself when it has a slash).
    public static func locate(_ name: String) throws -> URL {
        if name.contains("/") { return URL(fileURLWithPath: name) }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw ToolMissing(name: name)
    }

    /// A tool the tests need is not installed; run Scripts/setup.
    public struct ToolMissing: Error, CustomStringConvertible {
        public let name: String
        public var description: String { "\(name) is not installed; run Scripts/setup" }
    }
}

/// A fresh temporary directory, removed when the value is deinitialised.
public final class TemporaryDirectory: @unchecked Sendable {
    public let url: URL

    public init(_ prefix: String = "sealstation-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The path of `name` inside the directory.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `bytes` to `name` (0600, as the station wants its passphrase and PIN files) and returns its path.
    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return path
    }

    /// Writes `text` to `name` and returns its path.
    @discardableResult
    public func write(_ name: String, text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    /// Reads `name`.
    public func read(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path(name))))
    }
}

/// The Python interpreter of the venv Scripts/setup makes (`.build-venv`, with PyPI asn1crypto).
public enum PythonTools {
    /// `<package root>/.build-venv/bin/python3`.
    public static var python: String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build-venv/bin/python3").path
    }

    /// Runs a Python script with arguments in the venv.
    public static func run(script: String, _ arguments: [String]) throws -> ExternalTool.Result {
        guard FileManager.default.isExecutableFile(atPath: python) else { throw ExternalTool.ToolMissing(name: python) }
        return try ExternalTool.run(python, ["-c", script] + arguments)
    }
}

/// The real seals and signatures made by other systems, read from the workplace's shared fixtures
/// (`../shared/fixtures/ses/` beside the checkout; never copied into the repository).
public enum SharedFixtures {
    /// The fixture directory: `$SEALSTATION_SES_FIXTURES`, else `../shared/fixtures/ses` from the package root,
    /// else `/work/shared/fixtures/ses`.
    public static var sesDirectory: URL? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["SEALSTATION_SES_FIXTURES"] {
            candidates.append(URL(fileURLWithPath: override))
        }
        candidates.append(root.deletingLastPathComponent().appendingPathComponent("shared/fixtures/ses"))
        candidates.append(URL(fileURLWithPath: "/work/shared/fixtures/ses"))
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("README.md").path) }
    }

    /// The bytes of fixture `name`.
    public static func ses(_ name: String) throws -> [UInt8] {
        guard let directory = sesDirectory else { throw FixturesMissing() }
        return Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// The path of fixture `name`.
    public static func sesPath(_ name: String) throws -> String {
        guard let directory = sesDirectory else { throw FixturesMissing() }
        return directory.appendingPathComponent(name).path
    }

    /// The stamped OFD documents of other systems: `$SEALSTATION_OFD_FIXTURES`, else `../shared/fixtures/ofd` from the
    /// package root, else `/work/shared/fixtures/ofd`.
    public static var ofdDirectory: URL? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["SEALSTATION_OFD_FIXTURES"] {
            candidates.append(URL(fileURLWithPath: override))
        }
        candidates.append(root.deletingLastPathComponent().appendingPathComponent("shared/fixtures/ofd"))
        candidates.append(URL(fileURLWithPath: "/work/shared/fixtures/ofd"))
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("README.md").path) }
    }

    /// The URL of OFD fixture `name` (read in place).
    public static func ofd(_ name: String) throws -> URL {
        guard let directory = ofdDirectory else { throw FixturesMissing() }
        return directory.appendingPathComponent(name)
    }

    public struct FixturesMissing: Error, CustomStringConvertible {
        public var description: String {
            "the shared fixtures were not found (../shared/fixtures/ses or ofd); set SEALSTATION_SES_FIXTURES or SEALSTATION_OFD_FIXTURES"
        }
    }
}
