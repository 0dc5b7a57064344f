import Foundation
import SealTestSupport

/// Runs the built `sealstation` binary (it sits beside the test bundle in the build directory).
enum SealStationCLI {
    static var binary: URL {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return executable.deletingLastPathComponent().appendingPathComponent("sealstation")
    }

    /// Runs `sealstation arguments…` detached from any terminal (setsid), so prompts cannot block.
    @discardableResult
    static func run(_ arguments: [String], in directory: TemporaryDirectory? = nil) throws -> ExternalTool.Result {
        try ExternalTool.run("setsid", ["-w", binary.path] + arguments, currentDirectory: directory?.url)
    }

    /// Decodes the standard output as JSON.
    static func json(_ result: ExternalTool.Result) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: result.standardOutput) as? [String: Any] else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not a JSON object: \(result.stdout)"))
        }
        return object
    }
}

/// Runs the built `sealfiling` binary, the online program (it sits beside `sealstation`).
enum SealFilingCLI {
    static var binary: URL { SealStationCLI.binary.deletingLastPathComponent().appendingPathComponent("sealfiling") }

    /// Runs `sealfiling arguments…` detached from any terminal (setsid).
    @discardableResult
    static func run(_ arguments: [String], in directory: TemporaryDirectory? = nil) throws -> ExternalTool.Result {
        try ExternalTool.run("setsid", ["-w", binary.path] + arguments, currentDirectory: directory?.url)
    }
}
