import ArgumentParser
import Foundation
import SealCrypto

/// How a failed command's error reaches the user: the program's and the Seal libraries' errors as they are (their
/// messages are written for users); another library's in words, its own text shown only with `--debug` (anywhere
/// before `--`) or `SEALSTATION_DEBUG=1`.
enum ErrorReport {
    static let debugFlag = "--debug"

    /// Removes every `--debug` before a `--` terminator from `arguments`; true when there was one.
    static func takeDebugFlag(from arguments: inout [String]) -> Bool {
        let end = arguments.firstIndex(of: "--") ?? arguments.endIndex
        let found = arguments[..<end].contains(debugFlag)
        if found { arguments = arguments[..<end].filter { $0 != debugFlag } + arguments[end...] }
        return found
    }

    /// The error to report for `error` thrown by a command.
    static func presentable(_ error: any Error, debug: Bool) -> any Error {
        if String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") { return error }
        let module = String(reflecting: type(of: error)).prefix { $0 != "." }
        let presented: any Error = module.hasPrefix("Seal") || module == "sealfiling"
            ? error : FilingCLIError.unexpected(what: words(forLibraryError: error), detail: detail(of: error))
        guard debug else { return presented }
        if let cliError = presented as? FilingCLIError { return Debugged(message: cliError.debugDescription) }
        return Debugged(message: "\(presented)\n  detail: \(detail(of: error))")
    }

    static func detail(of error: any Error) -> String { "\(String(reflecting: type(of: error))): \(String(reflecting: error))" }

    static func words(forLibraryError error: any Error) -> String {
        if String(reflecting: type(of: error)).hasPrefix("SwiftASN1.") { return "the input is not valid DER: \(ParseProblem.describe(error))" }
        if error is DecodingError { return "a file does not hold the data expected (JSON of another shape)" }
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain || nsError.domain == NSPOSIXErrorDomain { return nsError.localizedDescription }
        return "the command failed inside a library (\(String(reflecting: type(of: error)).prefix { $0 != "." }))"
    }

    struct Debugged: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
