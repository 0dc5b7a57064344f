import ArgumentParser
import Foundation
import SealRegistry
import SealStation
import SealViews

/// `sealstation list`.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List seals (a page at a time), or applications by state.",
        discussion: """
            Any officer may list, after signing in with --officer and the passphrase; the read is recorded in the audit log. With --applications the states are applied (waiting for approval), approved (waiting to be issued), rejected and issued; seals are issued, superseded or revoked.

            Examples:
              sealstation list --state issued --officer 赵审计 --passphrase-file zhao.pass
              sealstation list --applications --state applied --officer 李审批 --passphrase-file li.pass --json
            """)

    /// The states `--state` takes: a seal's, or with `--applications` an application's.
    enum State: String, CaseIterable, ExpressibleByArgument {
        case applied, approved, rejected, issued, superseded, revoked
    }

    @OptionGroup var station: StationOptions
    @OptionGroup var acting: OfficerOptions
    @Option(help: "Seals: issued, superseded or revoked. Applications: applied, approved, rejected or issued.") var state: State?
    @Flag(help: "List applications instead of seals.") var applications = false
    @Option(help: "Page size.") var limit: Int = 50
    @Option(help: ArgumentHelp("Show seals after this id (next page).", valueName: "ID")) var after: Int64?
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        guard let state else { return }
        if applications, ApplicationState(rawValue: state.rawValue) == nil {
            throw ValidationError("--state \(state.rawValue) is a seal's state; applications are applied, approved, rejected or issued")
        }
        if !applications, SealState(rawValue: state.rawValue) == nil {
            throw ValidationError("--state \(state.rawValue) is an application's state: add --applications, or give issued, superseded or revoked")
        }
    }

    func run() throws {
        let opened = try station.open()
        if applications {
            try acting.signInToRead(opened, what: "applications" + (state.map { ":\($0.rawValue)" } ?? ""))
            let names = try opened.officerNames()
            let rows = try opened.applications(state: state.flatMap { ApplicationState(rawValue: $0.rawValue) })
                .map { ApplicationRow($0, officers: names) }
            if json { print(try Output.json(rows)) } else { print(Output.grid(header: ApplicationRow.header, rows: rows.map(\.cells))) }
            return
        }
        try acting.signInToRead(opened, what: "seals" + (state.map { ":\($0.rawValue)" } ?? ""))
        try printSeals(try opened.seals(.init(state: state.flatMap { SealState(rawValue: $0.rawValue) }, limit: limit, afterID: after)), json: json)
    }
}

/// `sealstation show`.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one seal, or one application with its applicant, attachments and decision.",
        discussion: """
            Any officer may look, after signing in with --officer and the passphrase; the read is recorded in the audit log. An application shows who applied and when, the holder, the attachments by name, size and SM3, and who approved or rejected it, when and with what note.

            Examples:
              sealstation show 3 --officer 赵审计 --passphrase-file zhao.pass
              sealstation show --application 7 --officer 李审批 --passphrase-file li.pass --json
            """)
    @OptionGroup var station: StationOptions
    @OptionGroup var acting: OfficerOptions
    @Argument(help: "The seal id (or application id with --application).") var id: Int64
    @Flag(help: "The id is an application's.") var application = false
    @Flag(help: "Print the result as JSON.") var json = false

    func run() throws {
        let opened = try station.open()
        if application {
            try acting.signInToRead(opened, what: "application:\(id)")
            let attachments = try opened.attachments(ofApplication: id).map { AttachmentRow(name: $0.name, sm3: $0.sm3, bytes: $0.bytes) }
            let row = ApplicationRow(try opened.application(id), officers: try opened.officerNames(), attachments: attachments)
            try Output.emit(row, json: json) { row.rows }
        } else {
            try acting.signInToRead(opened, what: "seal:\(id)")
            let row = SealRow(try opened.seal(id))
            try Output.emit(row, json: json) { row.rows }
        }
    }
}

/// `sealstation query`.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query", abstract: "Find seals by credit code, name, state or issue date (查询).",
        discussion: """
            Any officer may query, after signing in with --officer and the passphrase; the query is recorded in the audit log.

            Example:
              sealstation query --credit-code 91110108MA00000070 --state issued --officer 赵审计 --passphrase-file zhao.pass --json
            """)
    @OptionGroup var station: StationOptions
    @OptionGroup var acting: OfficerOptions
    @Option(name: .customLong("credit-code"), help: "统一社会信用代码.") var creditCode: String?
    @Option(help: "Part of the seal name.") var name: String?
    @Option(help: "issued, superseded or revoked.") var state: SealState?
    @Option(help: ArgumentHelp("Issued at or after (ISO 8601).", valueName: "TIME")) var since: String?
    @Option(help: "Page size.") var limit: Int = 50
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws {
        if creditCode == nil && name == nil && state == nil && since == nil {
            throw ValidationError("give at least one of --credit-code, --name, --state, --since")
        }
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let opened = try station.open()
        let since = try since.map { try parseTime($0) }
        let filters = [creditCode.map { "creditCode=\($0)" }, name.map { "name=\($0)" }, state.map { "state=\($0.rawValue)" },
                       since.map { "since=\(Output.date($0))" }].compactMap { $0 }
        try acting.signInToRead(opened, what: "seals?" + filters.joined(separator: "&"))
        try printSeals(try opened.seals(.init(creditCode: creditCode, name: name, state: state, since: since, limit: limit)), json: json)
    }
}

private func printSeals(_ seals: [SealRecord], json: Bool) throws {
    let rows = seals.map(SealRow.init)
    if json { print(try Output.json(rows)) } else { print(Output.grid(header: SealRow.header, rows: rows.map(\.cells))) }
}
