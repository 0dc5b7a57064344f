internal import CLibFuzzer
public import Foundation
public import SealCrypto

/// What every libFuzzer harness shares: the input as bytes, a private scratch file for entry points that read files,
/// and the fixed inputs Scripts/fuzz hands over in environment variables (a trust anchor, a document).
public enum Fuzz {
    /// Runs libFuzzer with the command line (corpus directories, -max_total_time…) on `test`, the harness's
    /// `LLVMFuzzerTestOneInput`, and exits with libFuzzer's status.
    public static func run(_ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, test))
    }

    /// The input libFuzzer passes, copied into an array (the entry points take arrays or `Data`).
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// A directory of this process's own (0700), for entry points that read a file the way the CLI does.
    public static let scratch: URL = {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("sealstation-fuzz-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            fail("cannot create the scratch directory \(directory.path): \(error)")
        }
        atexit { try? FileManager.default.removeItem(at: Fuzz.scratch) }
        return directory
    }()

    /// Writes `bytes` to the scratch file `name` (replacing it) and returns its URL.
    public static func file(_ name: String, _ bytes: [UInt8]) -> URL {
        let url = scratch.appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: url.path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            fail("cannot write the scratch file \(url.path)")
        }
        return url
    }

    /// The certificate named by the environment variable `variable` (DER or PEM); stops the harness with a message
    /// when it is not set or cannot be read, since the harness would otherwise test less than it says.
    public static func certificate(fromEnvironment variable: String) -> Certificate {
        guard let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty else {
            fail("set \(variable) to a trust anchor certificate (Scripts/fuzz does)")
        }
        guard let data = FileManager.default.contents(atPath: path) else { fail("\(variable): cannot read \(path)") }
        do {
            return try Certificate(derOrPEM: Array(data))
        } catch {
            fail("\(variable): \(path) is not a certificate: \(error)")
        }
    }

    /// The bytes of the file named by the environment variable `variable`, or nil when it is not set.
    public static func optionalFile(fromEnvironment variable: String) -> [UInt8]? {
        guard let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else { fail("\(variable): cannot read \(path)") }
        return Array(data)
    }

    /// A harness set-up failure (not a finding): message on standard error, exit status 2.
    public static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("fuzz harness: \(message)\n".utf8))
        exit(2)
    }
}
