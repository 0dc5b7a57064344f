import ArgumentParser
import Foundation
import SealRegistry
import SealStation

/// `sealstation list`.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List seals (a page at a time), or applications.",
        discussion: "Examples:\n  sealstation list --state issued\n  sealstation list --applications --json")
    @OptionGroup var station: StationOptions
    @Option(help: "issued, superseded or revoked.") var state: SealState?
    @Flag(help: "List applications instead of seals.") var applications = false
    @Option(help: "Page size.") var limit: Int = 50
    @Option(help: ArgumentHelp("Show seals after this id (next page).", valueName: "ID")) var after: Int64?
    @Flag(help: "Print the result as JSON.") var json = false

    func run() throws {
        let opened = try station.open()
        if applications {
            let rows = try opened.applications(state: nil).map(ApplicationRow.init)
            if json { print(try Output.json(rows)) } else {
                print(Output.grid(header: ["id", "unit", "credit code", "template", "state", "reason"],
                                  rows: rows.map { ["\($0.id)", $0.unitName, $0.creditCode, $0.template, $0.state, $0.reason] }))
            }
            return
        }
        try printSeals(try opened.seals(.init(state: state, limit: limit, afterID: after)), json: json)
    }
}

/// `sealstation show`.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one seal (or application) of the registry.",
        discussion: "Examples:\n  sealstation show 3\n  sealstation show --application 7 --json")
    @OptionGroup var station: StationOptions
    @Argument(help: "The seal id (or application id with --application).") var id: Int64
    @Flag(help: "The id is an application's.") var application = false
    @Flag(help: "Print the result as JSON.") var json = false

    func run() throws {
        let opened = try station.open()
        if application {
            let row = ApplicationRow(try opened.application(id))
            try Output.emit(row, json: json) { row.rows }
        } else {
            let row = SealRow(try opened.seal(id))
            try Output.emit(row, json: json) {
                zip(SealRow.header, row.cells).map { ($0, $1) } + [("unit", row.unitName), ("template", row.template),
                    ("files", row.custody), ("seal SM3", row.sealSM3)] + (row.revokeReason.map { [("revoked", $0)] } ?? [])
            }
        }
    }
}

/// `sealstation query`.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query", abstract: "Find seals by credit code, name, state or issue date (查询).",
        discussion: "Example:\n  sealstation query --credit-code 91110108MA00000070 --state issued --json")
    @OptionGroup var station: StationOptions
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
    }

    func run() throws {
        let opened = try station.open()
        try printSeals(try opened.seals(.init(creditCode: creditCode, name: name, state: state, since: since.map { try parseTime($0) }, limit: limit)), json: json)
    }
}

private func printSeals(_ seals: [SealRecord], json: Bool) throws {
    let rows = seals.map(SealRow.init)
    if json { print(try Output.json(rows)) } else { print(Output.grid(header: SealRow.header, rows: rows.map(\.cells))) }
}
