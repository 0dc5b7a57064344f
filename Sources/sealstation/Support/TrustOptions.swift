import ArgumentParser
import Foundation
import SealCrypto
import SealPKI
import SealSES

/// How seal and signature verification decides whom to trust.
struct TrustOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A station CA directory to trust; repeatable.", valueName: "DIR"))
    var ca: [String] = []

    @Option(help: ArgumentHelp("A trust anchor certificate (DER or PEM); repeatable.", valueName: "CERT"))
    var anchor: [String] = []

    @Option(help: ArgumentHelp("Intermediate CA certificates; repeatable.", valueName: "FILE"))
    var untrusted: [String] = []

    @Flag(name: .customLong("no-trust-check"), help: "Use the certificates' keys but do not chain them (seals of other systems).")
    var noTrustCheck = false

    func validate() throws {
        if noTrustCheck && !(ca.isEmpty && anchor.isEmpty) {
            throw ValidationError("--no-trust-check cannot be combined with --ca or --anchor")
        }
        if !noTrustCheck && ca.isEmpty && anchor.isEmpty {
            throw ValidationError("say whom to trust: --ca DIR, --anchor CERT, or --no-trust-check")
        }
    }

    var policy: TrustPolicy {
        get throws {
            noTrustCheck ? .noTrustCheck : .anchors(try loadCertificates(ca + anchor))
        }
    }

    var intermediates: [Certificate] {
        get throws { try loadCertificates(untrusted) }
    }
}

/// Reads an ISO 8601 date-time, or a date alone (midnight UTC; `endOfDay` gives 23:59:59 UTC).
func parseTime(_ text: String, endOfDay: Bool = false) throws -> Date {
    if let date = ISO8601DateFormatter().date(from: text) { return date }
    let dateOnly = ISO8601DateFormatter()
    dateOnly.formatOptions = [.withFullDate]
    guard let day = dateOnly.date(from: text) else { throw CLIError.invalidDate(text) }
    return endOfDay ? day.addingTimeInterval(86_399) : day
}

/// Prints a verification report (table or JSON) and fails with exit code 2 unless it is valid.
func emitVerification(_ report: VerificationReport, json: Bool) throws {
    if json {
        print(try Output.json(report))
    } else {
        print(report.isValid ? "OK: \(report.subject) verifies" : "FAILED: \(report.subject) does not verify")
        print(Output.grid(
            header: ["status", "check", "detail"],
            rows: report.checks.map { [$0.status.rawValue, $0.title, $0.detail] }))
        for deviation in report.deviations { print("deviation: \(deviation)") }
    }
    if !report.isValid { throw ExitStatus.verificationFailed }
}
