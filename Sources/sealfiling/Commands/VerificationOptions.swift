import ArgumentParser
import Foundation
import SealBundle
import SealSES

/// How bundles are verified online: the pinned station CA. Seal images are not redrawn here (sealfiling links no
/// renderer); every signature, digest, chain and audit record is checked.
struct VerificationOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The station CA certificate (DER or PEM) or CA directory to require.", valueName: "STATION_CA"))
    var anchor: String?

    @Flag(name: .customLong("no-redraw"),
          help: "Accepted for scripts written for `sealstation bundle import`: sealfiling never redraws seal images (`sealstation bundle verify` does).")
    var noRedraw = false

    func verifier(progress: ProgressBar?) throws -> BundleVerifier {
        let anchorCertificate = try anchor.map { try InputFiles.certificate($0) }
        var report: (@Sendable (Int, Int) -> Void)?
        if let progress { report = { done, total in progress.update(done, of: total) } }
        return BundleVerifier(anchor: anchorCertificate, progress: report)
    }
}

/// Prints a bundle verification report and fails with exit code 2 unless it is valid.
func emitBundleReport(_ report: BundleVerificationReport, json: Bool) throws {
    if json {
        print(try Output.json(report))
    } else {
        let what = report.info.map { "bundle \($0.sequence) of \($0.stationName)" } ?? report.bundle
        print(report.isValid ? "OK: \(what) verifies" : "FAILED: \(what) does not verify")
        switch report.trust {
        case .anchor: print("trust: the station CA given with --anchor")
        case .stationInBundle:
            print("trust: the station CA carried in the bundle (--trust-station-in-bundle): this shows the bundle is consistent "
                + "with itself, not that it comes from the station")
        }
        print(Output.grid(header: ["status", "check", "detail"], rows: report.checks.map { [$0.status.rawValue, $0.id, $0.detail] }))
        let shown = report.seals.filter { !$0.isValid } + report.seals.filter(\.isValid).prefix(20)
        if !shown.isEmpty {
            print("")
            print(Output.grid(header: ["esID", "name", "state", "result", "image"], rows: shown.map {
                [$0.esID, $0.name, $0.state, $0.isValid ? "ok" : $0.problems.joined(separator: "; "), "\($0.image.status.rawValue): \($0.image.detail)"]
            }))
            if report.seals.count > shown.count { print("… and \(report.seals.count - shown.count) more seals, all valid") }
        }
        print("sm3 \(report.sm3)")
    }
    if !report.isValid { throw ExitStatus.verificationFailed }
}
