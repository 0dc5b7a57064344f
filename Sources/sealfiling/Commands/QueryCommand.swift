import ArgumentParser
import Foundation
import SealFiling
import SealSES
import SealBundle

/// `sealfiling query`.
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Query the online filing registry by 统一社会信用代码 (any case), esID, or certificate serial number.",
        discussion: """
            Each seal is shown with its holder certificate's revocation status on its station's latest filed CRL: revoked (reason, RFC 5280 name and 中文, revocation and invalidity dates, CRL number), not revoked (CRL number and its next update; "stale" once that is past), or no CRL (the station's bundles carried none: only their revocations.json is known). --serial HEX answers the same for any certificate serial on each enrolled station's latest CRL (whether that station issued such a certificate is not checked).

            Example:
              sealfiling query --db filings.sqlite --credit-code 91110108MA00000070 --json
              sealfiling query --db filings.sqlite --serial 5f3a9c01d2e4b7a8
            """)
    @OptionGroup var storeOptions: StoreOptions
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
        var revocation: FiledRevocationView
    }

    /// A `--serial` answer for one station.
    struct SerialRow: Encodable {
        var stationID: String
        var stationName: String
        var revocation: FiledRevocationView
    }

    func run() async throws {
        let store = try await storeOptions.open(mustExist: true)
        let now = Date()
        if let serial, let filed = FiledRevocationRecord.serialHex(parsing: serial) { return try await querySerial(filed, store: store, now: now) }
        // Each station's latest CRL, read once.
        var latest: [String: FiledCRLRecord?] = [:]
        var rows: [Row] = []
        for seal in try await store.filedSeals(creditCode: creditCode, esID: esID) {
            if latest[seal.stationID] == nil { latest[seal.stationID] = .some(try await store.latestCRL(stationID: seal.stationID)) }
            let status = try await store.revocationStatus(serial: try seal.holderSerial(), on: latest[seal.stationID]!)
            rows.append(Row(
                esID: seal.esID, name: seal.name, kind: seal.kind.rawValue, unitName: seal.unitName, creditCode: seal.creditCode, state: seal.state,
                validFrom: seal.validFrom, validTo: seal.validTo, revokedAt: seal.revokedAt, physicalCode: seal.physicalCode, issuedBy: seal.issuedBy,
                approvedBy: seal.approvedBy, uses: try await store.useCount(esID: seal.esID), stationID: seal.stationID,
                bundleSequence: seal.bundleSequence, revocation: FiledRevocationView(status, serial: try seal.holderSerial(), now: now)))
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
    func querySerial(_ serial: String, store: any FilingStore, now: Date) async throws {
        var rows: [SerialRow] = []
        for station in try await store.stations() {
            rows.append(SerialRow(stationID: station.id, stationName: station.name,
                                  revocation: FiledRevocationView(try await store.revocationStatus(stationID: station.id, serial: serial), serial: serial, now: now)))
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
