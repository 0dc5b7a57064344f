import ArgumentParser
import Foundation
import SealCrypto

/// How a failed command's error reaches the user: in words, with the option to use. Library internals (type names,
/// source lines, C function names) are shown only with the global `--debug` flag, which may stand anywhere before
/// `--` on the command line (or `SEALSTATION_DEBUG=1` in the environment).
enum ErrorReport {
    /// The global flag.
    static let debugFlag = "--debug"

    /// Removes every `--debug` before a `--` terminator from `arguments`; true when there was one.
    static func takeDebugFlag(from arguments: inout [String]) -> Bool {
        let end = arguments.firstIndex(of: "--") ?? arguments.endIndex
        let found = arguments[..<end].contains(debugFlag)
        if found {
            arguments = arguments[..<end].filter { $0 != debugFlag } + arguments[end...]
        }
        return found
    }

    /// The error to report for `error` thrown by a command: ArgumentParser's exit codes, usage errors and help requests, and
    /// the station's own errors as they are; an error of a library whose message names internals in words, with
    /// its own text kept for --debug. In debug mode the report adds the error's type and full text.
    static func presentable(_ error: any Error, debug: Bool) -> any Error {
        // ArgumentParser's own (exit codes, usage errors, help requests) keep their handling.
        if String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") { return error }
        let presented: any Error = isStationError(error) ? error : CLIError.unexpected(what: words(forLibraryError: error), detail: detail(of: error))
        guard debug else { return presented }
        if let cliError = presented as? CLIError, case .unexpected = cliError { return Debugged(message: cliError.debugDescription) }
        return Debugged(message: "\(presented)\n  detail: \(detail(of: error))")
    }

    /// The error's type and its full text as the library reports it.
    static func detail(of error: any Error) -> String {
        if let cliError = error as? CLIError, case .unreadableInput(_, _, _, _, let detail) = cliError { return detail }
        return "\(String(reflecting: type(of: error))): \(String(reflecting: error))"
    }

    /// Whether `error` is one of the station's (its message is written for users).
    static func isStationError(_ error: any Error) -> Bool {
        let module = String(reflecting: type(of: error)).prefix { $0 != "." }
        return module.hasPrefix("Seal") || module == "sealstation"
    }

    /// Words for an error of a library that names internals.
    static func words(forLibraryError error: any Error) -> String {
        if String(reflecting: type(of: error)).hasPrefix("SwiftASN1.") { return "the input is not valid DER: \(ParseProblem.describe(error))" }
        if error is DecodingError { return "a file does not hold the data expected (JSON or YAML of another shape)" }
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain || nsError.domain == NSPOSIXErrorDomain { return nsError.localizedDescription }
        return "the command failed inside a library (\(String(reflecting: type(of: error)).prefix { $0 != "." }))"
    }

    /// An error whose message is complete (for debug mode).
    struct Debugged: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
