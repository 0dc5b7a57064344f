import Foundation
import SealToken

/// A real SoftHSM2 token initialised by `softhsm2-util` in a temporary directory, with its own configuration file,
/// passed as `SOFTHSM2_CONF` to tools run against it. With `forThisProcess`, `SOFTHSM2_CONF` is also set in this
/// process (SoftHSM2 reads it at C_Initialize) — only from the serialised in-process token suite, since the variable
/// is process-wide and suites run in parallel.
public final class SoftHSMToken: @unchecked Sendable {
    public static let modulePath = SoftHSM2.modulePath
    public static let userPIN = "123456"
    public static let securityOfficerPIN = "87654321"

    public let directory: TemporaryDirectory
    public let label: String
    public let configurationPath: String
    public var environment: [String: String] { ["SOFTHSM2_CONF": configurationPath] }

    public init(label: String = "seal-test", forThisProcess: Bool = true) throws {
        directory = try TemporaryDirectory("sealstation-softhsm")
        self.label = label
        configurationPath = try SoftHSM2.initializeToken(
            in: directory.url, label: label, securityOfficerPIN: Self.securityOfficerPIN, userPIN: Self.userPIN)
        if forThisProcess { setenv("SOFTHSM2_CONF", configurationPath, 1) }
    }

    /// Runs `pkcs11-tool` against this token, logged in with the user PIN.
    public func pkcs11Tool(_ arguments: [String]) throws -> ExternalTool.Result {
        try ExternalTool.run(
            "pkcs11-tool",
            ["--module", Self.modulePath, "--token-label", label, "--login", "--pin", Self.userPIN] + arguments,
            environment: environment)
    }
}
