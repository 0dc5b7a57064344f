import ArgumentParser
import Foundation
import SealCrypto
import SealRegistry
import SealStation

/// `sealstation maker …`: the seal maker (制章人).
struct MakerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maker", abstract: "Manage the seal maker (制章人) key and certificate.", subcommands: [Renew.self])
}

extension MakerCommand {
    /// `sealstation maker renew`.
    struct Renew: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "renew",
            abstract: "Revoke the seal-maker certificate and issue a new maker key and certificate (administrators).",
            discussion: """
                For a compromised maker key: the current maker certificate goes on the station's revocation list (--reason, default keyCompromise; --invalidity-date when the key is known to have been exposed earlier), a new SM2 maker key (encrypted under the station passphrase) and a new maker certificate with the same subject are issued by the station CA, and replace maker/maker-key.p8 and maker/maker-cert.der; the old certificate stays as maker/maker-cert-<serial>.der. Audited as maker.renew. New seals are made by the new maker; issue a CRL (`crl issue`, or the next export) so verifiers learn of the revocation. A maker key on a token cannot be renewed yet.

                Example:
                  sealstation maker renew --officer 张管理 --passphrase-file zhang.pass --station-passphrase-file station.pass --reason keyCompromise
                """)
        @OptionGroup var station: StationOptions
        @OptionGroup var acting: OfficerOptions
        @Option(name: .customLong("station-passphrase-file"), help: ArgumentHelp("The station passphrase.", valueName: "FILE"))
        var stationPassphraseFile: String?
        @Option(help: "The CRL reason for the old maker certificate (RFC 5280 name).") var reason: CRLReason = .keyCompromise
        @Option(name: .customLong("invalidity-date"), help: ArgumentHelp("Since when the old key is not to be trusted (ISO 8601).", valueName: "TIME"))
        var invalidityDate: String?
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            let invalidity = try invalidityDate.map { try parseTime($0) }
            let opened = try station.open()
            let officer = try acting.authenticate(opened, as: .administrator, to: "renew the seal maker")
            let renewal = try opened.renewMaker(
                by: officer, stationPassphrase: secret(file: stationPassphraseFile, option: "--station-passphrase-file", for: "the station keys"),
                reason: reason, invalidityDate: invalidity, now: Date())
            try Output.emit(renewal, json: json) {
                [("old maker certificate", "serial \(renewal.oldSerialNumber), SM3 \(renewal.oldCertificateSM3)"),
                 ("kept as", renewal.archivedCertificatePath),
                 ("revoked as", renewal.reason + (renewal.invalidityDate.map { ", invalid since \(Output.date($0))" } ?? "")),
                 ("new maker certificate", "serial \(renewal.newSerialNumber), SM3 \(renewal.newCertificateSM3)"),
                 ("file", renewal.certificatePath),
                 ("next", "issue a CRL (`sealstation crl issue`) or export, so verifiers see the revocation")]
            }
        }
    }
}
