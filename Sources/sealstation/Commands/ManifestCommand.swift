import ArgumentParser
import Foundation
import SealBundle
import SealCrypto
import SealOptical

/// `sealstation manifest`: filing manifests on their own.
struct ManifestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifest",
        abstract: "Check a scanned filing manifest (the QR code on a filing sheet) on its own.",
        discussion: """
            Example:
              sealstation manifest check scan.png --anchor station-ca.pem
            """,
        subcommands: [ManifestCheckCommand.self])
}

/// `sealstation manifest check`.
struct ManifestCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify a filing manifest (PNG scan, DER, hex or Base64) against the station CA and print it.",
        discussion: """
            The manifest is a signed summary of one bundle (bundle id, station id, sequence, previous bundle SM3, bundle SM3, seal count, creation time), SM2-signed by the station CA key with ID 1234567812345678. A manifest signed by another key, or changed in any byte, is refused (exit 2).

            Examples:
              sealstation manifest check filing-3b1f…-000001.qr.png --anchor station-ca.pem
              sealstation manifest check scanned.txt --anchor station-ca.pem --json
            """)
    @Argument(help: "A PNG image holding the QR code, or the manifest as DER, hex or Base64.") var input: String
    @Option(help: ArgumentHelp("The station CA certificate (DER or PEM) or CA directory.", valueName: "STATION_CA")) var anchor: String
    @Flag(help: "Print the result as JSON.") var json = false

    func run() throws {
        let manifest = try FilingManifestInput.read(path: input)
        let stationCA = try loadCertificates([anchor])[0]
        do {
            try manifest.verify(stationCA: stationCA)
        } catch {
            FileHandle.standardError.write(Data("FAILED: \(error)\n".utf8))
            throw ExitStatus.verificationFailed
        }
        let summary = FilingManifestSummary(manifest)
        try Output.emit(summary, json: json) {
            [
                ("status", "OK: signed by \(stationCA.subject)"), ("bundle", summary.bundleID), ("station id", summary.stationID),
                ("sequence", String(summary.sequence)), ("previous", summary.previousBundleSM3 ?? "none (first bundle)"),
                ("bundle sm3", summary.bundleSM3), ("seals", String(summary.sealCount)), ("created", Output.date(summary.created)),
                ("bytes", String(summary.bytes)),
            ]
        }
    }
}
