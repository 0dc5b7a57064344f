import Foundation

/// A real SoftHSM2 token initialised by `softhsm2-util` in a temporary directory, with its own configuration file,
/// passed as `SOFTHSM2_CONF` to tools run against it. With `forThisProcess`, `SOFTHSM2_CONF` is also set in this
/// process (SoftHSM2 reads it at C_Initialize) — only from the serialised in-process token suite, since the variable
/// is process-wide and suites run in parallel.
public final class SoftHSMToken: @unchecked Sendable {
    public static let modulePath = "/usr/lib/softhsm/libsofthsm2.so"
    public static let userPIN = "123456"
    public static let securityOfficerPIN = "87654321"

    public let directory: TemporaryDirectory
    public let label: String
    public let configurationPath: String
    public var environment: [String: String] { ["SOFTHSM2_CONF": configurationPath] }

    public init(label: String = "seal-test", forThisProcess: Bool = true) throws {
        directory = try TemporaryDirectory("sealstation-softhsm")
        self.label = label
        let tokens = directory.path("tokens")
        try FileManager.default.createDirectory(atPath: tokens, withIntermediateDirectories: true)
        configurationPath = try directory.write(
            "softhsm2.conf",
            text: "directories.tokendir = \(tokens)\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n")
        let result = try ExternalTool.run(
            "softhsm2-util",
            ["--init-token", "--free", "--label", label, "--so-pin", Self.securityOfficerPIN, "--pin", Self.userPIN],
            environment: environment)
        guard result.succeeded else { throw ToolFailed(tool: "softhsm2-util --init-token", output: result.stderr + result.stdout) }
        if forThisProcess { setenv("SOFTHSM2_CONF", configurationPath, 1) }
    }

    /// Runs `pkcs11-tool` against this token, logged in with the user PIN.
    public func pkcs11Tool(_ arguments: [String]) throws -> ExternalTool.Result {
        try ExternalTool.run(
            "pkcs11-tool",
            ["--module", Self.modulePath, "--token-label", label, "--login", "--pin", Self.userPIN] + arguments,
            environment: environment)
    }

    /// A tool run that should have worked did not.
    public struct ToolFailed: Error, CustomStringConvertible {
        public let tool: String
        public let output: String
        public var description: String { "\(tool) failed: \(output)" }
    }
}
