public import ArgumentParser
import Foundation
import SealCommandLine
import SealCrypto
public import SealPKI
import SealViews

extension CertificateRole: ExpressibleByArgument {}

/// `sealstation cert …`: issue, import, verify and show certificates.
struct CertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cert",
        abstract: "Issue, import, verify and show certificates.",
        subcommands: [Issue.self, Import.self, Verify.self, Show.self])
}

/// Reads trust anchors: a CA directory (its ca-cert.der) or a certificate file (DER or PEM).
func loadCertificates(_ paths: [String]) throws -> [Certificate] {
    try paths.map { path in
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return try StationCA(directory: URL(fileURLWithPath: path)).certificate
        }
        return try InputFile.parse(path, as: .certificate) { try Certificate(derOrPEM: $0) }
    }
}

extension CertCommand {
    /// `sealstation cert issue`.
    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "issue",
            abstract: "Issue a seal-maker or holder certificate from the station CA.",
            discussion: """
                maker: the 制章人 certificate whose key signs seals; holder: a seal holder's certificate. Both are end entities with keyUsage digitalSignature+nonRepudiation, signed SM2-with-SM3 (ID 1234567812345678). The key comes from a public key file (--pubkey) or a PKCS#10 request (--csr, whose signature is checked). The certificate may not outlive the CA.

                Example:
                  sealstation cert issue --ca station/ca --role maker --subject "/C=CN/O=某市公安局/CN=制章人" --pubkey maker.pub.der --days 1825 --out maker.cert.der --passphrase-file ca.pass
                """)

        @Option(help: ArgumentHelp("The station CA directory.", valueName: "DIR"))
        var ca: String

        @Option(help: "maker (制章人) or holder (印章持有者).")
        var role: CertificateRole

        @Option(help: ArgumentHelp("The subject, e.g. \"/C=CN/O=北京某某科技发展有限公司/CN=合同专用章\".", valueName: "DN"))
        var subject: String

        @Option(help: ArgumentHelp("The subject's public key (DER or PEM SubjectPublicKeyInfo).", valueName: "FILE"))
        var pubkey: String?

        @Option(help: ArgumentHelp("A PKCS#10 request instead of --pubkey (DER or PEM).", valueName: "FILE"))
        var csr: String?

        @Option(help: "Validity in days from now.")
        var days: Int = 365

        @Option(help: ArgumentHelp("The certificate file to create (DER; a .pem beside it is not written).", valueName: "CERT.der"))
        var out: String

        @OptionGroup var passphrase: PassphraseOptions

        @Flag(help: "Print the result as JSON.")
        var json = false

        func validate() throws {
            guard (pubkey == nil) != (csr == nil) else { throw ValidationError("give exactly one of --pubkey and --csr") }
            guard role != .stationCA else { throw ValidationError("the CA certificate is made by `sealstation ca init`") }
            guard days > 0 else { throw ValidationError("--days must be at least 1") }
        }

        func run() throws {
            let name = try DistinguishedName(parsing: subject)
            if FileManager.default.fileExists(atPath: out) { throw SealPKIError.fileExists(path: out) }
            let stationCA = try StationCA(directory: URL(fileURLWithPath: ca))
            let request = try csr.map { try InputFile.parse($0, as: .certificationRequest) { try CertificationRequest(derOrPEM: $0) } }
            let publicKey = try pubkey.map { try InputFile.parse($0, as: .publicKey) { try PublicKey(derOrPEM: $0) } }
            let caKey = try stationCA.unlockKey(passphrase: passphrase.existing(for: stationCA.keyPath))
            let certificate: Certificate
            if let request {
                certificate = try stationCA.issue(role: role, subject: name, request: request, validityDays: days, caKey: caKey, now: Date())
            } else {
                certificate = try stationCA.issue(role: role, subject: name, publicKey: publicKey!, validityDays: days, caKey: caKey, now: Date())
            }
            try ProtectedFile.write(certificate.derEncoded, to: out, mode: ProtectedFile.publicMode)
            let summary = CertificateSummary(certificate, path: out)
            try Output.emit(summary, json: json) { summary.rows }
        }
    }

    /// `sealstation cert import`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import the certificate an external CA returned for a station key, checked against the key.",
            discussion: """
                Decrypts the key to prove the certificate is for it, checks the chain when --ca is given, and writes the certificate as canonical DER.

                Example:
                  sealstation cert import returned.pem --key maker.p8 --ca external-root.pem --out maker.cert.der --passphrase-file maker.pass
                """)

        @Argument(help: ArgumentHelp("The certificate from the CA (DER or PEM).", valueName: "CERT"))
        var certificate: String

        @Option(help: ArgumentHelp("The encrypted key file the certificate is for.", valueName: "KEY.p8"))
        var key: String

        @Option(help: ArgumentHelp("A trust anchor to check the chain against (CA directory or certificate); repeatable.", valueName: "CA"))
        var ca: [String] = []

        @Option(help: ArgumentHelp("Intermediate CA certificates; repeatable.", valueName: "FILE"))
        var untrusted: [String] = []

        @Option(help: ArgumentHelp("The certificate file to write (default: KEY with .cert.der).", valueName: "FILE"))
        var out: String?

        @OptionGroup var passphrase: PassphraseOptions

        @Flag(help: "Print the result as JSON.")
        var json = false

        func run() throws {
            let destination = out ?? (key.hasSuffix(".p8") ? String(key.dropLast(3)) : key) + ".cert.der"
            if FileManager.default.fileExists(atPath: destination) { throw SealPKIError.fileExists(path: destination) }
            let imported = try InputFile.parse(certificate, as: .certificate) { try Certificate(derOrPEM: $0) }
            let privateKey = try PrivateKey(encryptedPKCS8: ProtectedFile.read(key), passphrase: passphrase.existing(for: key))
            try CertificateImport.checkMatches(imported, key: privateKey)
            if !ca.isEmpty {
                let verifier = CertificateChainVerifier(trustAnchors: try loadCertificates(ca), intermediates: try loadCertificates(untrusted))
                let result = verifier.verify(imported, at: Date())
                guard result.isValid else { throw SealPKIError.chainInvalid(result.problems) }
            }
            try ProtectedFile.write(imported.derEncoded, to: destination, mode: ProtectedFile.publicMode)
            let summary = CertificateSummary(imported, path: destination)
            try Output.emit(summary, json: json) { summary.rows }
        }
    }

    /// `sealstation cert verify`.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Verify a certificate's chain to the station CA (or other anchors), in Swift.",
            discussion: """
                Checks every signature over the exact bytes read (SM2 with the ID 1234567812345678), validity at --at (default now), basicConstraints, keyUsage, pathLenConstraint and unknown critical extensions. With --crl every certificate on the path but the anchor is looked up on its issuer's CRLs (signature by the issuer, validity window, revocation at --at); --require-crl makes a missing or stale CRL a failure. Exit code 0 when valid, 2 when not (the report names each problem, and a revoked certificate's reason and date).

                Example:
                  sealstation cert verify --ca station/ca holder.cert.der
                  sealstation cert verify --ca station/ca --crl station-ca.crl --require-crl holder.cert.der
                """)

        @Argument(help: ArgumentHelp("The certificate to verify (DER or PEM).", valueName: "CERT"))
        var certificate: String

        @Option(help: ArgumentHelp("A trust anchor: CA directory or certificate file; repeatable.", valueName: "CA"))
        var ca: [String]

        @Option(help: ArgumentHelp("Intermediate CA certificates; repeatable.", valueName: "FILE"))
        var untrusted: [String] = []

        @Option(help: ArgumentHelp("Check validity at this time (ISO 8601) instead of now.", valueName: "TIME"))
        var at: String?

        @Flag(help: "Require keyUsage digitalSignature and nonRepudiation (seal makers and holders).")
        var signing = false

        @OptionGroup var revocation: RevocationOptions

        @Flag(help: "Print the result as JSON.")
        var json = false

        struct Report: Encodable {
            var valid: Bool
            var checkedAt: Date
            var chain: [CertificateSummary]
            var problems: [String]
            /// With --crl or --require-crl: "valid", "unknown" or "invalid", and a sentence per certificate.
            var revocation: Revocation?
        }

        struct Revocation: Encodable {
            var status: String
            var details: [String]
            var revoked: [RevokedEntry]
        }

        struct RevokedEntry: Encodable {
            var serialNumber: String
            var revocationDate: Date
            var reason: String
            var invalidityDate: Date?
        }

        func run() throws {
            let time: Date
            if let at {
                guard let parsed = ISO8601DateFormatter().date(from: at) else { throw CLIError.invalidDate(at) }
                time = parsed
            } else {
                time = Date()
            }
            let leaf = try InputFile.parse(certificate, as: .certificate) { try Certificate(derOrPEM: $0) }
            let verifier = CertificateChainVerifier(trustAnchors: try loadCertificates(ca), intermediates: try loadCertificates(untrusted))
            let result = verifier.verify(leaf, at: time, requiredKeyUsage: signing ? [.digitalSignature, .nonRepudiation] : nil)
            let checker = try revocation.checker(now: Date())
            let verdict = checker?.verdict(for: result.chain, at: time, moment: "the time checked")
            let revoked = verdict.map { $0.outcome == .invalid || ($0.outcome == .unknown && revocation.requireCRL) } ?? false
            let report = Report(
                valid: result.isValid && !revoked, checkedAt: time, chain: result.chain.map { CertificateSummary($0) },
                problems: result.problems.map(\.description) + (revoked ? verdict!.details : []),
                revocation: verdict.map { verdict in
                    Revocation(
                        status: "\(verdict.outcome)", details: verdict.details,
                        revoked: verdict.revoked.map {
                            RevokedEntry(serialNumber: Hex.encode($0.serialNumber), revocationDate: $0.revocationDate,
                                         reason: ($0.reason ?? .unspecified).name, invalidityDate: $0.invalidityDate)
                        })
                })
            if json {
                print(try Output.json(report))
            } else {
                print(report.valid ? "OK: the chain verifies" : "FAILED: the chain does not verify")
                print(Output.grid(
                    header: ["#", "subject", "valid until", "SM3 fingerprint"],
                    rows: report.chain.enumerated().map { ["\($0)", $1.subject, Output.date($1.notAfter), String($1.sm3Fingerprint.prefix(16))] }))
                for problem in report.problems { print("problem: \(problem)") }
                if let verdict, !revoked {
                    for detail in verdict.details { print("revocation (\(verdict.outcome)): \(detail)") }
                }
            }
            if !report.valid { throw ExitStatus.verificationFailed }
        }
    }

    /// `sealstation cert show`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a certificate's subject, validity, key and extensions.",
            discussion: """
                Example:
                  sealstation cert show --json station/ca/ca-cert.der
                """)

        @Argument(help: ArgumentHelp("The certificate (DER or PEM).", valueName: "CERT"))
        var certificate: String

        @Flag(help: "Print the result as JSON.")
        var json = false

        func run() throws {
            let parsed = try InputFile.parse(certificate, as: .certificate) { try Certificate(derOrPEM: $0) }
            let summary = CertificateSummary(parsed, path: certificate)
            try Output.emit(summary, json: json) { summary.rows }
        }
    }
}
