import ArgumentParser
import Foundation
import SealBundle
import SealCommandLine
import SealSES

/// How bundles are verified online: the pinned station CA. Seal images are not redrawn here (sealfiling links no
/// renderer); every signature, digest, chain and audit record is checked.
struct VerificationOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The station CA certificate (DER or PEM) or CA directory to require.", valueName: "STATION_CA"))
    var anchor: String?

    @Flag(name: .customLong("no-redraw"),
          help: "Accepted, and ignored, for scripts written for the former `sealstation bundle import`: sealfiling never redraws seal images (`sealstation bundle verify` does).")
    var noRedraw = false

    @OptionGroup var revocation: RevocationOptions

    @OptionGroup var decryption: DecryptionOptions

    func verifier(progress: ProgressBar?) throws -> BundleVerifier {
        let anchorCertificate = try anchor.map { try InputFiles.certificate($0) }
        var report: (@Sendable (Int, Int) -> Void)?
        if let progress { report = { done, total in progress.update(done, of: total) } }
        var verifier = BundleVerifier(
            anchor: anchorCertificate, progress: report, imagesSkipped: "sealfiling does not redraw seal images; sealstation bundle verify does",
            revocation: try revocation.checker(now: Date()))
        verifier.decryption = try decryption.decryption()
        return verifier
    }
}

/// Prints a bundle verification report and fails with exit code 2 unless it is valid.
func emitBundleReport(_ report: BundleVerificationReport, json: Bool) throws {
    print(json ? try Output.json(report) : BundleReportText.lines(report).joined(separator: "\n"))
    if !report.isValid { throw ExitStatus.verificationFailed }
}
