import ArgumentParser
import Foundation
import SealFiling
import SealSES
import SealBundle

/// `sealfiling query`.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Query the online filing registry by 统一社会信用代码 (any case) or esID.",
        discussion: """
            Example:
              sealfiling query --db filings.sqlite --credit-code 91110108MA00000070 --json
            """)
    @Option(help: ArgumentHelp("The online filing registry.", valueName: "PATH")) var db: String
    @Option(name: .customLong("credit-code"), help: "The unit's 统一社会信用代码 (upper or lower case).") var creditCode: String?
    @Option(name: .customLong("es-id"), help: "One seal's esID.") var esID: String?
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws {
        if creditCode == nil && esID == nil { throw ValidationError("give --credit-code or --es-id") }
    }

    struct Row: Encodable {
        var esID: String
        var name: String
        var kind: String
        var unitName: String
        var creditCode: String
        var state: String
        var validFrom: Date
        var validTo: Date
        var revokedAt: Date?
        var physicalCode: String?
        var issuedBy: String?
        var approvedBy: String?
        var uses: Int
        var stationID: String
        var bundleSequence: Int64
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: db) else { throw ValidationError("\(db) does not exist") }
        let store = try SQLiteFilingStore(path: db)
        let rows = try store.filedSeals(creditCode: creditCode, esID: esID).map {
            Row(esID: $0.esID, name: $0.name, kind: $0.kind.rawValue, unitName: $0.unitName, creditCode: $0.creditCode, state: $0.state,
                validFrom: $0.validFrom, validTo: $0.validTo, revokedAt: $0.revokedAt, physicalCode: $0.physicalCode, issuedBy: $0.issuedBy,
                approvedBy: $0.approvedBy, uses: try store.useCount(esID: $0.esID), stationID: $0.stationID, bundleSequence: $0.bundleSequence)
        }
        if json {
            print(try Output.json(rows))
        } else if rows.isEmpty {
            print("no filed seals match")
        } else {
            print(Output.grid(header: ["esID", "name", "kind", "state", "valid", "uses", "bundle", "physical code", "issued by", "approved by"], rows: rows.map {
                [$0.esID, $0.name, $0.kind, $0.state, "\(Output.date($0.validFrom)) – \(Output.date($0.validTo))", String($0.uses),
                 "\($0.stationID.prefix(8))…#\($0.bundleSequence)", $0.physicalCode ?? "-", $0.issuedBy ?? "-", $0.approvedBy ?? "-"]
            }))
        }
    }
}
