import ArgumentParser
import Foundation
import SealBundle
import SealCommandLine

/// `sealfiling verify`.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a filing bundle: archive, BagIt manifests, signature, audit records, every seal.",
        discussion: """
            Checks, stopping at the first structural failure: archive safety and canonical form; BagIt 1.0 with both manifests and tag manifests; bag-info and layout; the station (its id is the SM3 of its CA; --anchor pins it); the SignedData by the seal maker over tagmanifest-sm3.txt; the audit records' chain, their signed head, and that they account for every seal and use; then every seal (SES_Seal signature and chains, filed fields). Seal images are not redrawn here: `sealstation bundle verify` on a machine with the station's templates and fonts does that. Exit 0 valid, 2 invalid, 1 unreadable.

            Trust is always chosen: --anchor STATION_CA pins the station, or --trust-station-in-bundle takes the CA the bundle carries, which shows only that the bundle is consistent with itself; the report says which (text and JSON "trust"). --qr-manifest FILE (with --anchor) also checks that the bundle's signed manifest (its DER, hex or Base64) names this bundle.

            An encrypted bundle (filing-….zip.p7e, from `sealstation export --to-recipient`) is decrypted in memory first with --decrypt-key (the recipient's encrypted PKCS#8 SM2 key; its passphrase from --decrypt-key-passphrase-file or asked without echo) and --decrypt-cert (the certificate the station encrypted to; the key must be its key); without them it is refused with the recipient it is for. The report's first check is then "envelope", and its "encryptedSM3" is what the QR manifest names.

            Example:
              sealfiling verify filing-3b1f…-000002.zip --anchor station-ca.pem --qr-manifest filing-3b1f…-000002.manifest --json
              sealfiling verify filing-3b1f…-000003.zip.p7e --anchor station-ca.pem --decrypt-key authority-enc.p8 --decrypt-cert authority-enc.pem --decrypt-key-passphrase-file enc.pass
            """)
    @Argument(help: "The bundle file.") var bundle: String
    @OptionGroup var options: VerificationOptions
    @Flag(name: .customLong("trust-station-in-bundle"),
          help: "Trust the station CA carried in the bundle instead of pinning one with --anchor (checks self-consistency only).")
    var trustStationInBundle = false
    @Option(name: .customLong("qr-manifest"), help: ArgumentHelp("The bundle's filing manifest (DER, hex or Base64) that must describe it.", valueName: "FILE"))
    var qrManifest: String?
    @Flag(help: "Print the report as JSON.") var json = false

    func validate() throws {
        try BundleTrustChoice.validate(anchor: options.anchor, trustStationInBundle: trustStationInBundle, qrManifest: qrManifest)
    }

    func run() throws {
        let manifest = try qrManifest.map { try InputFiles.manifest($0) }
        let bar = ProgressBar("verifying seals", enabled: !json)
        let outcome = try options.verifier(progress: bar).verify(URL(fileURLWithPath: bundle))
        bar.finish()
        var report = outcome.report
        if let manifest { report.checkManifest(manifest, stationCA: outcome.stationCertificate) }
        try emitBundleReport(report, json: json)
    }
}
