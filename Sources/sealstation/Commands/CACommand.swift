import ArgumentParser
import Foundation
import SealCrypto
import SealPKI
import SealViews

/// `sealstation ca …`: the station's own certificate authority.
struct CACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ca",
        abstract: "Manage the station CA (a self-signed SM2 root).",
        subcommands: [Init.self])
}

extension CACommand {
    /// `sealstation ca init`.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create the station CA: an SM2 key (encrypted) and a self-signed root certificate.",
            discussion: """
                Writes DIR/ca-key.p8 (encrypted PKCS#8, 0600), DIR/ca-cert.der and DIR/ca-cert.pem. The root has basicConstraints CA:TRUE pathlen:0, keyUsage keyCertSign+cRLSign, SKI/AKI, a 20-byte random serial and is signed SM2-with-SM3 with the ID 1234567812345678. Refuses a directory that holds a CA.

                Example:
                  sealstation ca init --dir station/ca --name 某市电子印章站点根CA --org 某市公安局 --passphrase-file ca.pass
                """)

        @Option(help: ArgumentHelp("The CA directory (created if missing).", valueName: "DIR"))
        var dir: String

        @Option(help: "The CA's common name (CN), UTF-8.")
        var name: String

        @Option(help: "The organisation (O); default: the name.")
        var org: String?

        @Option(help: ArgumentHelp("A full subject instead of --name/--org, e.g. \"/C=CN/O=某市公安局/CN=根CA\".", valueName: "DN"))
        var subject: String?

        @Option(help: "Validity of the root in days.")
        var days: Int = StationCA.defaultValidityDays

        @OptionGroup var passphrase: PassphraseOptions

        @Flag(help: "Print the result as JSON.")
        var json = false

        func run() throws {
            let directory = URL(fileURLWithPath: dir)
            let name = try subject.map(DistinguishedName.init(parsing:))
                ?? DistinguishedName([.init(type: "C", value: "CN"), .init(type: "O", value: org ?? self.name),
                                      .init(type: "CN", value: self.name)])
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent(StationCA.certificateFileName).path)
                || FileManager.default.fileExists(atPath: directory.appendingPathComponent(StationCA.keyFileName).path)
            {
                throw SealPKIError.stationCAExists(directory: dir)
            }
            let secret = try passphrase.new(for: "the station CA key")
            let ca = try StationCA.create(in: directory, subject: name, validityDays: days, passphrase: secret, now: Date())
            let summary = CertificateSummary(ca.certificate, path: ca.certificatePath)
            try Output.emit(summary, json: json) { summary.rows + [("key file", "\(ca.keyPath) (encrypted, 0600)")] }
        }
    }
}
