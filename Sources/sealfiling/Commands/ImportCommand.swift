import ArgumentParser
import Foundation
import SealCommandLine
import SealFiling
import SealBundle

/// `sealfiling import`.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Verify a filing bundle and import it into the online filing registry.",
        discussion: """
            The registry is an SQLite file (--db, created if missing) or a PostgreSQL database (--store postgres://…, its schema created if missing). The bundle is verified as by `sealfiling verify`, then every seal's filing is re-checked (the 统一社会信用代码 by GB 32100, against the holder certificate's subject OU and the esID's region; a holder's 公民身份号码 by GB 11643), then it is imported in one transaction: a failed import changes nothing. A station's first bundle needs --anchor (its CA certificate, delivered at enrolment); later bundles must be signed under the same CA. Bundles are imported in sequence order: the same bundle twice is a no-op (exit 0); a missing bundle (gap), a late or replayed one, or one that does not chain to the last imported (previous SM3, audit records) is refused with exit 3 unless --accept-gap; a different bundle with an imported number is always refused.

            An encrypted bundle (….zip.p7e) needs --decrypt-key and --decrypt-cert (see `sealfiling verify`); with another recipient's key it is refused and nothing is stored.

            Example:
              sealfiling import filing-3b1f…-000001.zip --db filings.sqlite --anchor station-ca.pem
              sealfiling import filing-3b1f…-000002.zip.p7e --db filings.sqlite --decrypt-key authority-enc.p8 --decrypt-cert authority-enc.pem --decrypt-key-passphrase-file enc.pass
              sealfiling import filing-3b1f…-000002.zip --store postgres://filing@db.example/filings --db-password-file pg.pass
            """)
    @Argument(help: "The bundle file.") var bundle: String
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var options: VerificationOptions
    @Flag(name: .customLong("accept-gap"), help: "Import despite a gap, a late bundle or a broken chain (recorded with the bundle).")
    var acceptGap = false
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let bar = ProgressBar("verifying seals", enabled: !json)
        let outcome = try options.verifier(progress: bar).verify(URL(fileURLWithPath: bundle))
        bar.finish()
        guard outcome.report.isValid else { return try emitBundleReport(outcome.report, json: json) }
        let importer = BundleImporter(store: try await storeOptions.open(), acceptGap: acceptGap)
        do {
            let result = try await importer.importBundle(outcome, now: Date())
            try Output.emit(result, json: json) {
                [
                    ("status", result.status.rawValue), ("station", "\(result.stationName) (\(result.stationID.prefix(16))…)"),
                    ("sequence", String(result.sequence)), ("sm3", result.sm3), ("seals", String(result.seals)), ("uses", String(result.uses)),
                    ("message", result.message),
                ]
            }
        } catch let error as BundleImportError {
            if case .gap = error {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitStatus.sequenceAnomaly
            }
            throw error
        }
    }
}
