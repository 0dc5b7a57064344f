import ArgumentParser
import Foundation
import SealRegistry
import SealStation

/// `sealstation templates …`: the seal templates and vendor profile file the station has pinned by SM3.
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates", abstract: "Compare the templates and vendor profiles with the station's pins; accept a changed set.",
        discussion: """
            `init` records the SM3 of every seal template and of the PKCS#11 vendor profile file; `issue` refuses a template whose file no longer hashes to its pin, and token operations refuse other vendor profiles. After an intended change (a new template, an upgrade that ships new ones), an administrator accepts it with `templates pin`; both the refusal's cause and the acceptance are in `audit show`.

            Examples:
              sealstation templates show
              sealstation templates pin --officer 张管理 --passphrase-file admin.pass
            """,
        subcommands: [Show.self, Pin.self])

    static func printStatus(_ rows: [DataPinStatus], json: Bool) throws {
        if json { print(try Output.json(rows)); return }
        print(Output.grid(
            header: ["item", "state", "pinned SM3", "current SM3", "path"],
            rows: rows.map { [$0.item.rawValue, $0.state.rawValue, String(($0.pinnedSM3 ?? "-").prefix(16)),
                              String(($0.currentSM3 ?? "-").prefix(16)), $0.path] }))
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Each template and the vendor profile file against its pin (exit 2 if any differs).",
            discussion: "Example:\n  sealstation templates show --json")
        @OptionGroup var station: StationOptions
        @Option(name: .customLong("vendor-profiles"), help: ArgumentHelp("The vendor profile file to compare.", valueName: "FILE"))
        var vendorProfiles: String?
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            let rows = try station.open(vendorProfiles: vendorProfiles).dataPinStatus()
            try TemplatesCommand.printStatus(rows, json: json)
            if rows.contains(where: { $0.state != .pinned }) { throw ExitStatus.verificationFailed }
        }
    }

    struct Pin: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept the templates and vendor profile file as they are now (administrators; audited).",
            discussion: """
                Records the SM3 of every template and of the vendor profile file in place of the old pins, and an audit record (data.pin) naming each changed, added and removed file. Refused when nothing changed.

                Example:
                  sealstation templates pin --officer 张管理 --passphrase-file admin.pass
                """)
        @OptionGroup var station: StationOptions
        @OptionGroup var acting: OfficerOptions
        @Option(name: .customLong("vendor-profiles"), help: ArgumentHelp("The vendor profile file to pin.", valueName: "FILE"))
        var vendorProfiles: String?
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            let opened = try station.open(vendorProfiles: vendorProfiles)
            let officer = try acting.authenticate(opened, as: .administrator, to: "pin the station's templates and vendor profiles")
            let changes = try opened.pinData(by: officer, now: Date())
            if !json { print("accepted \(changes.count) change\(changes.count == 1 ? "" : "s"):") }
            try TemplatesCommand.printStatus(changes, json: json)
        }
    }
}
