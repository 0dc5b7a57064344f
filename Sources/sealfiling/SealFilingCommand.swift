import ArgumentParser
import Foundation
import SealCommandLine
import SealCrypto

/// `sealfiling`: the online side (备案系统) — verify, import and query the filing bundles stations export, and rebuild
/// a bundle sent as QR frames. It links no image, font or QR library: seal images are not redrawn here (the station's
/// `sealstation bundle verify` does that), and frames are read as UR text.
@main
struct SealFilingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sealfiling",
        abstract: "Verify, import and query electronic-seal filing bundles (备案包) on the online side.",
        discussion: """
            Exit codes: 0 success, 1 error (the message names the problem), 2 verification failed, 3 bundle refused for its place in the sequence (gap, replay, broken chain), 64 usage error. --debug, anywhere on the command line, adds what the libraries underneath reported; SEALSTATION_DEBUG=1 (shared with sealstation) does the same.

            Example:
              sealfiling import filing-3b1f…-000001.zip --db filings.sqlite --anchor station-ca.pem
            """,
        version: "0.1.0",
        subcommands: [ImportCommand.self, QueryCommand.self, VerifyCommand.self, AssembleCommand.self, ServeCommand.self, ClientsCommand.self]
    )
}

extension SealFilingCommand {
    /// Parses and runs the command; `--debug` (anywhere before `--`) adds the libraries' own error reports.
    static func main() async {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if ErrorReport.takeDebugFlag(from: &arguments) { setenv(ParseProblem.debugVariable, "1", 1) }
        let debug = ParseProblem.showsLibraryDetail
        var command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            HelpText.printIfHelp(error, root: SealFilingCommand.self)
            exit(withError: error)
        }
        do {
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            HelpText.printIfHelp(error, root: SealFilingCommand.self)
            exit(withError: ErrorReport.presentable(error, debug: debug))
        }
    }
}
