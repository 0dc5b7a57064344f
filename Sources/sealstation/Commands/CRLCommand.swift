public import ArgumentParser
import Foundation
public import SealCrypto
import SealPKI
import SealRegistry
import SealStation

extension CRLReason: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { Station.acceptedCRLReasons.map(\.name) }
}

/// `sealstation crl …`: the station CA's certificate revocation lists.
struct CRLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crl",
        abstract: "Issue, list and show the station CA's CRLs (证书撤销列表).",
        subcommands: [Issue.self, List.self, Show.self])
}

/// One CRL as `crl issue` and `crl list` print it.
struct CRLSummaryRow: Encodable {
    var number: Int64
    var thisUpdate: Date
    var nextUpdate: Date
    var entries: Int
    var sm3: String
    var officer: String?
    var path: String?

    init(_ record: CRLRecord, path: String? = nil) {
        (number, thisUpdate, nextUpdate, entries, sm3, officer) = (record.number, record.thisUpdate, record.nextUpdate, record.entries, record.sm3, record.officer)
        self.path = path
    }

    static let header = ["number", "thisUpdate", "nextUpdate", "entries", "SM3", "officer"]
    var cells: [String] { [String(number), Output.date(thisUpdate), Output.date(nextUpdate), String(entries), sm3, officer ?? "-"] }
}

extension CRLCommand {
    /// `sealstation crl issue`.
    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "issue",
            abstract: "Issue the station CA's next CRL (administrators).",
            discussion: """
                An RFC 5280 v2 CRL signed SM2-with-SM3 (ID 1234567812345678) by the station CA: cRLNumber one after the last, authorityKeyIdentifier, thisUpdate now and nextUpdate --next-update-days later (1–366, default 7), one entry per certificate the station revoked (a revoked seal's holder certificate as cessationOfOperation or the reason given to `revoke`, a changed seal's as superseded, a renewed maker's) with its revocation date, reason and invalidity date. The CRL is recorded in the registry and the audit log (crl.issue). Every export also carries a fresh CRL (data/crl/station-ca.crl). The file is created 0600 (DER, or PEM with --pem); an existing file is not overwritten.

                Example:
                  sealstation crl issue --out station-ca.crl --officer 张管理 --passphrase-file zhang.pass --station-passphrase-file station.pass
                """)
        @OptionGroup var station: StationOptions
        @OptionGroup var acting: OfficerOptions
        @Option(help: ArgumentHelp("The CRL file to create.", valueName: "FILE")) var out: String
        @Option(name: .customLong("next-update-days"), help: "Days until the CRL's nextUpdate (1–366).")
        var nextUpdateDays: Int = 7
        @Option(name: .customLong("station-passphrase-file"), help: ArgumentHelp("The station passphrase.", valueName: "FILE"))
        var stationPassphraseFile: String?
        @Flag(help: "Write PEM (-----BEGIN X509 CRL-----) instead of DER.") var pem = false
        @Flag(help: "Print the result as JSON.") var json = false

        func validate() throws {
            guard Station.crlNextUpdateDays.contains(nextUpdateDays) else { throw ValidationError("--next-update-days must be 1–366") }
        }

        func run() throws {
            if FileManager.default.fileExists(atPath: out) { throw SealPKIError.fileExists(path: out) }
            let opened = try station.open()
            let officer = try acting.authenticate(opened, as: .administrator, to: "issue CRLs")
            let crl = try opened.issueCRL(
                by: officer, stationPassphrase: secret(file: stationPassphraseFile, option: "--station-passphrase-file", for: "the station keys"),
                nextUpdateDays: nextUpdateDays, now: Date())
            try ProtectedFile.write(pem ? Array(crl.pemEncoded.utf8) : crl.derEncoded, to: out, mode: ProtectedFile.secretMode)
            let row = CRLSummaryRow(
                number: crl.numberValue ?? 0, thisUpdate: crl.thisUpdate, nextUpdate: crl.nextUpdate ?? crl.thisUpdate, entries: crl.entries.count,
                sm3: Hex.encode(crl.fingerprint), officer: officer.name, path: out)
            try Output.emit(row, json: json) {
                [("number", String(row.number)), ("thisUpdate", Output.date(row.thisUpdate)), ("nextUpdate", Output.date(row.nextUpdate)),
                 ("entries", String(row.entries)), ("SM3", row.sm3), ("file", out + (pem ? " (PEM)" : " (DER)"))]
            }
        }
    }

    /// `sealstation crl list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the CRLs the station issued (by `crl issue` and by every export).",
            discussion: "Example:\n  sealstation crl list --officer 刘审计 --passphrase-file liu.pass --json")
        @OptionGroup var station: StationOptions
        @OptionGroup var acting: OfficerOptions
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            let opened = try station.open()
            try acting.signInToRead(opened, what: "the CRL list")
            let rows = try opened.crls().map { CRLSummaryRow($0) }
            if json { print(try Output.json(rows)) } else { print(Output.grid(header: CRLSummaryRow.header, rows: rows.map(\.cells))) }
        }
    }

    /// `sealstation crl show`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a CRL file (DER or PEM): its header and entries. No station needed.",
            discussion: """
                Prints the issuer, cRLNumber, thisUpdate, nextUpdate, authorityKeyIdentifier and signature algorithm, and one row per revoked certificate (serial number, revocation date, reason with its 中文 name, invalidity date). It does NOT verify the CRL's signature or freshness; for that use `sealstation cert verify --crl`.

                Example:
                  sealstation crl show station-ca.crl
                """)
        @Argument(help: ArgumentHelp("The CRL file (DER or PEM).", valueName: "FILE")) var file: String
        @Flag(help: "Print the result as JSON.") var json = false

        struct Entry: Encodable {
            var serialNumber: String
            var revocationDate: Date
            var reason: String?
            var reasonCode: Int?
            var reasonChinese: String?
            var invalidityDate: Date?
        }

        struct View: Encodable {
            var file: String
            var issuer: String
            var number: String?
            var thisUpdate: Date
            var nextUpdate: Date?
            var authorityKeyIdentifier: String?
            var signatureAlgorithm: String
            var sm3: String
            var entries: [Entry]
            var verified = false
        }

        func run() throws {
            let crl = try InputFile.parse(file, as: .crl, limit: CertificateRevocationList.maximumBytes + (1 << 20)) {
                try CertificateRevocationList(derOrPEM: $0)
            }
            let view = View(
                file: file, issuer: crl.issuer.description, number: crl.numberValue.map(String.init) ?? crl.number.map { Hex.encode($0) },
                thisUpdate: crl.thisUpdate, nextUpdate: crl.nextUpdate, authorityKeyIdentifier: crl.authorityKeyIdentifier.map { Hex.encode($0) },
                signatureAlgorithm: crl.signatureAlgorithm.map { "\($0)" } ?? crl.signatureAlgorithmOID, sm3: Hex.encode(crl.fingerprint),
                entries: crl.entries.map {
                    Entry(serialNumber: Hex.encode($0.serialNumber), revocationDate: $0.revocationDate, reason: $0.reason?.name,
                          reasonCode: $0.reason?.rawValue, reasonChinese: $0.reason?.chineseName, invalidityDate: $0.invalidityDate)
                })
            if json {
                print(try Output.json(view))
                return
            }
            print(Output.table([
                ("file", file), ("issuer", view.issuer), ("number", view.number ?? "none"), ("thisUpdate", Output.date(view.thisUpdate)),
                ("nextUpdate", view.nextUpdate.map(Output.date) ?? "none"), ("authorityKeyIdentifier", view.authorityKeyIdentifier ?? "none"),
                ("signature algorithm", view.signatureAlgorithm), ("SM3", view.sm3), ("entries", String(view.entries.count)),
                ("verified", "no: `crl show` does not check the signature (use `cert verify --crl`)"),
            ]))
            guard !view.entries.isEmpty else { return }
            print(Output.grid(
                header: ["serial", "revoked", "reason", "原因", "invalidity date"],
                rows: view.entries.map {
                    [$0.serialNumber, Output.date($0.revocationDate), $0.reason ?? "unspecified", $0.reasonChinese ?? "未说明",
                     $0.invalidityDate.map(Output.date) ?? "-"]
                }))
        }
    }
}

extension CRLSummaryRow {
    init(number: Int64, thisUpdate: Date, nextUpdate: Date, entries: Int, sm3: String, officer: String?, path: String?) {
        (self.number, self.thisUpdate, self.nextUpdate, self.entries, self.sm3, self.officer, self.path) = (number, thisUpdate, nextUpdate, entries, sm3, officer, path)
    }
}
