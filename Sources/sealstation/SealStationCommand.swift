import ArgumentParser
import Foundation
import SealCommandLine
import SealCrypto

/// `sealstation`: the offline station on which security officers issue Chinese electronic seals (电子印章).
@main
struct SealStationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sealstation",
        abstract: "Issue Chinese electronic seals (电子印章) on an offline, air-gapped station.",
        discussion: """
            Keys are SM2 (ECDSA P-256 only for tokens without SM2); every SM2 signature uses the ID 1234567812345678. Passphrases come from a no-echo prompt or --passphrase-file, never from the command line.

            Exit codes: 0 success, 1 error (the message names the problem), 2 verification failed, 3 bundle refused for its place in the sequence (gap, replay, broken chain), 64 usage error.

            Messages name the problem in words. --debug, anywhere on the command line of any command, adds what the libraries underneath reported (error types, source lines, OpenSSL's error queue), for a bug report; SEALSTATION_DEBUG=1 in the environment does the same.

            Example, to start with:
              sealstation demo
            """,
        version: "0.1.0",
        groupedSubcommands: commandGroups
    )

    /// The commands as `--help` lists them: the station's own workflow over its registry; filing bundles out of the
    /// station; building blocks that work on files alone (keys, certificates, images, seals, signatures); PKCS#11 tokens.
    static let commandGroups = [
        CommandGroup(name: "Station workflow", subcommands: [
            DemoCommand.self, InitCommand.self, OfficerCommand.self, ApplyCommand.self, DecideCommand.self, RejectCommand.self,
            IssueCommand.self, ChangeCommand.self, RevokeCommand.self, UseCommand.self, ListCommand.self, ShowCommand.self,
            QueryCommand.self, AuditCommand.self, TemplatesCommand.self, BackupCommand.self, RestoreCommand.self, CRLCommand.self,
            MakerCommand.self, ServeCommand.self,
        ]),
        CommandGroup(name: "Filing", subcommands: [ExportCommand.self, BundleCommand.self, ManifestCommand.self]),
        CommandGroup(name: "Building block", subcommands: [
            KeygenCommand.self, CACommand.self, CertCommand.self, CSRCommand.self, RenderCommand.self, SealCommand.self,
            SignCommand.self, VerifyCommand.self, SignatureCommand.self, OFDCommand.self,
        ]),
        CommandGroup(name: "Token", subcommands: [TokenCommand.self]),
    ]
}

extension SealStationCommand {
    /// Parses and runs the command; `--debug` (anywhere before `--`) adds the libraries' own error reports.
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if ErrorReport.takeDebugFlag(from: &arguments) { setenv(ParseProblem.debugVariable, "1", 1) }
        let debug = ParseProblem.showsLibraryDetail
        var command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            HelpText.printIfHelp(error, root: SealStationCommand.self)
            // A 统一社会信用代码 or 公民身份号码 that fails its check is refused input (exit 1), named at parse time.
            if IdentifierArgument.problem(in: error) != nil {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                exit(withError: ExitCode.failure)
            }
            exit(withError: error)
        }
        do {
            try command.run()
        } catch {
            HelpText.printIfHelp(error, root: SealStationCommand.self)
            exit(withError: ErrorReport.presentable(error, debug: debug))
        }
    }
}
