import ArgumentParser
import Foundation
import SealRegistry
import SealStation
import SealViews
import SealAudit
import SealPKI

/// `sealstation audit …`: the tamper-evident audit log (安全审计员).
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Show and verify the audit log; sign a checkpoint of its head.",
        subcommands: [Show.self, Verify.self, Checkpoint.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show audit records (auditors).",
            discussion: "Example:\n  sealstation audit show --since 100 --officer 赵审计 --passphrase-file zhao.pass")
        @OptionGroup var station: StationOptions
        @OptionGroup var acting: OfficerOptions
        @Option(help: "First sequence number.") var since: Int64 = 1
        @Option(help: "How many records.") var limit: Int = 1000
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            let opened = try station.open()
            _ = try acting.authenticate(opened, as: .auditor, to: "show the audit log")
            let rows = try opened.auditRecords(since: since, limit: limit).map(AuditRow.init)
            if json { print(try Output.json(rows)) } else { print(Output.grid(header: AuditRow.header, rows: rows.map(\.cells))) }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the SM3 chain and check every signed checkpoint (auditors).",
            discussion: """
                Names the first bad record and what is wrong with it: edited, deleted, reordered, or truncated after a checkpoint. Exit code 0 when the log is intact, 2 when not.

                Example:
                  sealstation audit verify --officer 赵审计 --passphrase-file zhao.pass --json
                """)
        @OptionGroup var station: StationOptions
        @OptionGroup var acting: OfficerOptions
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            let opened = try station.open()
            _ = try acting.authenticate(opened, as: .auditor, to: "verify the audit log")
            let result = try opened.verifyAudit()
            if json { print(try Output.json(AuditVerificationSummary(result))) } else {
                print(result.isValid
                      ? "OK: \(result.records) records chain correctly; \(result.checkpoints) signed checkpoints verify"
                      : "FAILED: \(result.firstProblem!.description)")
                for problem in result.problems.dropFirst() { print("also: \(problem)") }
            }
            if !result.isValid { throw ExitStatus.verificationFailed }
        }
    }

    struct Checkpoint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign the audit chain's head with the station key (administrators).",
            discussion: "Example:\n  sealstation audit checkpoint --officer 张管理 --passphrase-file admin.pass --station-passphrase-file station.pass")
        @OptionGroup var station: StationOptions
        @OptionGroup var acting: OfficerOptions
        @Option(name: .customLong("station-passphrase-file"), help: ArgumentHelp("The station passphrase.", valueName: "FILE")) var stationPassphraseFile: String?
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            let opened = try station.open()
            let officer = try acting.authenticate(opened, as: .administrator, to: "sign audit checkpoints")
            let caKey = try opened.ca.unlockKey(passphrase: secret(file: stationPassphraseFile, option: "--station-passphrase-file", for: "the station keys"))
            let made = try opened.signCheckpoints(by: officer.name, caKey: caKey, reason: "manual", now: Date())
            let rows = made.map(AuditCheckpointRow.init)
            if json { print(try Output.json(rows)) } else { print(Output.grid(header: AuditCheckpointRow.header, rows: rows.map(\.cells))) }
        }
    }
}
