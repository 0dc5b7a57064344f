public import Foundation

/// SoftHSM2, the software PKCS#11 token of the tests, the demo and `Scripts/bench custody`: a token in a directory
/// of its own, never the system's (root-only) token store.
public enum SoftHSM2 {
    /// The module Debian's softhsm2 package installs.
    public static let modulePath = "/usr/lib/softhsm/libsofthsm2.so"
    /// The utility that initialises tokens.
    public static let utilityPath = "/usr/bin/softhsm2-util"

    /// Whether the module and the utility are installed (Scripts/setup installs them).
    public static var isInstalled: Bool {
        FileManager.default.fileExists(atPath: modulePath) && FileManager.default.isExecutableFile(atPath: utilityPath)
    }

    /// Writes `softhsm2.conf` for a token store at `directory/tokens`, initialises a token labelled `label` there with
    /// `softhsm2-util --init-token --free` (the utility takes the PINs only as arguments) and returns the
    /// configuration's path. SoftHSM2 reads `SOFTHSM2_CONF` at C_Initialize: set it before loading the module.
    public static func initializeToken(
        in directory: URL, label: String, securityOfficerPIN: String, userPIN: String
    ) throws -> String {
        let tokens = directory.appendingPathComponent("tokens")
        try FileManager.default.createDirectory(at: tokens, withIntermediateDirectories: true)
        let configuration = directory.appendingPathComponent("softhsm2.conf").path
        try Data("directories.tokendir = \(tokens.path)\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n".utf8)
            .write(to: URL(fileURLWithPath: configuration))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: utilityPath)
        process.arguments = ["--init-token", "--free", "--label", label, "--so-pin", securityOfficerPIN, "--pin", userPIN]
        process.environment = ProcessInfo.processInfo.environment.merging(["SOFTHSM2_CONF": configuration]) { $1 }
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw PKCS11Error.moduleNotLoadable(path: utilityPath, reason: "cannot run softhsm2-util: \(error)")
        }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PKCS11Error.tokenInitialization(label: label, reason: String(decoding: message, as: UTF8.self))
        }
        return configuration
    }
}
