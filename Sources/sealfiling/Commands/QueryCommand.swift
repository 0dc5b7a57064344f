import ArgumentParser
import Foundation
import SealFiling
import SealSES
import SealBundle

/// `sealfiling query`.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Query the online filing registry by 统一社会信用代码 (any case), esID, or certificate serial number.",
        discussion: """
            Each seal is shown with its holder certificate's revocation status on its station's latest filed CRL: revoked (reason, RFC 5280 name and 中文, revocation and invalidity dates, CRL number), not revoked (CRL number and its next update; "stale" once that is past), or no CRL (the station's bundles carried none: only their revocations.json is known). --serial HEX answers the same for any certificate serial on each enrolled station's latest CRL (whether that station issued such a certificate is not checked).

            Example:
              sealfiling query --db filings.sqlite --credit-code 91110108MA00000070 --json
              sealfiling query --db filings.sqlite --serial 5f3a9c01d2e4b7a8
            """)
    @Option(help: ArgumentHelp("The online filing registry.", valueName: "PATH")) var db: String
    @Option(name: .customLong("credit-code"), help: "The unit's 统一社会信用代码 (upper or lower case).") var creditCode: String?
    @Option(name: .customLong("es-id"), help: "One seal's esID.") var esID: String?
    @Option(help: ArgumentHelp("A certificate's serial number (hex): its revocation status on each station's latest CRL.", valueName: "HEX"))
    var serial: String?
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws {
        if creditCode == nil && esID == nil && serial == nil { throw ValidationError("give --credit-code, --es-id or --serial") }
        if serial != nil && (creditCode != nil || esID != nil) { throw ValidationError("--serial goes alone, without --credit-code or --es-id") }
        if let serial, FiledRevocationRecord.serialHex(parsing: serial) == nil {
            throw ValidationError("--serial \(serial) is not a certificate serial number in hex (1 to 20 bytes)")
        }
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
        /// The holder certificate's revocation status.
        var revocation: RevocationView
    }

    /// A `--serial` answer for one station.
    struct SerialRow: Encodable {
        var stationID: String
        var stationName: String
        var revocation: RevocationView
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: db) else { throw ValidationError("\(db) does not exist") }
        let store = try SQLiteFilingStore(path: db)
        let now = Date()
        if let serial, let filed = FiledRevocationRecord.serialHex(parsing: serial) { return try querySerial(filed, store: store, now: now) }
        // Each station's latest CRL, read once.
        var latest: [String: FiledCRLRecord?] = [:]
        func status(_ seal: FiledSealRecord) throws -> FiledRevocationStatus {
            if latest[seal.stationID] == nil { latest[seal.stationID] = .some(try store.latestCRL(stationID: seal.stationID)) }
            return try store.revocationStatus(serial: try seal.holderSerial(), on: latest[seal.stationID]!)
        }
        let rows = try store.filedSeals(creditCode: creditCode, esID: esID).map {
            Row(esID: $0.esID, name: $0.name, kind: $0.kind.rawValue, unitName: $0.unitName, creditCode: $0.creditCode, state: $0.state,
                validFrom: $0.validFrom, validTo: $0.validTo, revokedAt: $0.revokedAt, physicalCode: $0.physicalCode, issuedBy: $0.issuedBy,
                approvedBy: $0.approvedBy, uses: try store.useCount(esID: $0.esID), stationID: $0.stationID, bundleSequence: $0.bundleSequence,
                revocation: RevocationView(try status($0), serial: try $0.holderSerial(), now: now))
        }
        if json {
            print(try Output.json(rows))
        } else if rows.isEmpty {
            print("no filed seals match")
        } else {
            print(Output.grid(header: ["esID", "name", "kind", "state", "valid", "uses", "bundle", "physical code", "issued by", "approved by", "certificate"], rows: rows.map {
                [$0.esID, $0.name, $0.kind, $0.state, "\(Output.date($0.validFrom)) – \(Output.date($0.validTo))", String($0.uses),
                 "\($0.stationID.prefix(8))…#\($0.bundleSequence)", $0.physicalCode ?? "-", $0.issuedBy ?? "-", $0.approvedBy ?? "-", $0.revocation.text]
            }))
        }
    }

    /// The status of the certificate with serial `serial` on each enrolled station's latest CRL.
    func querySerial(_ serial: String, store: SQLiteFilingStore, now: Date) throws {
        let rows = try store.stations().map {
            SerialRow(stationID: $0.id, stationName: $0.name, revocation: RevocationView(try store.revocationStatus(stationID: $0.id, serial: serial), serial: serial, now: now))
        }
        if json {
            print(try Output.json(rows))
        } else if rows.isEmpty {
            print("no stations are enrolled")
        } else {
            print(Output.grid(header: ["station", "serial", "status"], rows: rows.map {
                ["\($0.stationName) (\($0.stationID.prefix(8))…)", serial, $0.revocation.text]
            }))
        }
    }
}
