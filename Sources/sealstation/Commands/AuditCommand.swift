import ArgumentParser
import Foundation
import SealCrypto
import SealRegistry
import SealStation

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
            struct Row: Encodable { var seq: Int64; var time: String; var officer: String; var action: String; var object: String; var details: String; var hash: String }
            let rows = try opened.auditRecords(since: since, limit: limit).map {
                Row(seq: $0.seq, time: $0.time, officer: $0.officer, action: $0.action, object: $0.object, details: $0.details, hash: Hex.encode($0.hash))
            }
            if json { print(try Output.json(rows)) } else {
                print(Output.grid(header: ["seq", "time", "officer", "action", "object", "details"],
                                  rows: rows.map { ["\($0.seq)", $0.time, $0.officer, $0.action, $0.object, $0.details] }))
            }
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
            struct Report: Encodable { var valid: Bool; var records: Int; var checkpoints: Int; var lastSeq: Int64; var firstProblem: String?; var problems: [String] }
            let report = Report(
                valid: result.isValid, records: result.records, checkpoints: result.checkpoints, lastSeq: result.lastSeq,
                firstProblem: result.firstProblem?.description, problems: result.problems.map(\.description))
            if json { print(try Output.json(report)) } else {
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
            struct Row: Encodable { var seq: Int64; var hash: String; var reason: String }
            let rows = made.map { Row(seq: $0.seq, hash: Hex.encode($0.hash), reason: $0.reason) }
            if json { print(try Output.json(rows)) } else {
                print(Output.grid(header: ["seq", "reason", "hash"], rows: rows.map { ["\($0.seq)", $0.reason, $0.hash] }))
            }
        }
    }
}
