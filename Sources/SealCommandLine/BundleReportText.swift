public import SealBundle
import SealSES

/// A bundle verification report as both programs print it: the verdict, whom it trusted, the checks, the failing seals
/// and the first twenty valid ones, and the bundle's SM3.
public enum BundleReportText {
    /// The report's lines.
    public static func lines(_ report: BundleVerificationReport) -> [String] {
        var lines: [String] = []
        let what = report.info.map { "bundle \($0.sequence) of \($0.stationName)" } ?? report.bundle
        lines.append(report.isValid ? "OK: \(what) verifies" : "FAILED: \(what) does not verify")
        switch report.trust {
        case .anchor: lines.append("trust: the station CA given with --anchor")
        case .stationInBundle:
            lines.append("trust: the station CA carried in the bundle (--trust-station-in-bundle): this shows the bundle is consistent "
                + "with itself, not that it comes from the station")
        }
        lines.append(TextTable.grid(header: ["status", "check", "detail"], rows: report.checks.map { [$0.status.rawValue, $0.id, $0.detail] }))
        let shown = report.seals.filter { !$0.isValid } + report.seals.filter(\.isValid).prefix(20)
        if !shown.isEmpty {
            lines.append("")
            lines.append(TextTable.grid(header: ["esID", "name", "state", "result", "image"], rows: shown.map {
                [$0.esID, $0.name, $0.state, $0.isValid ? "ok" : $0.problems.joined(separator: "; "), "\($0.image.status.rawValue): \($0.image.detail)"]
            }))
            if report.seals.count > shown.count { lines.append("… and \(report.seals.count - shown.count) more seals, all valid") }
        }
        lines.append("sm3 \(report.sm3)")
        return lines
    }
}
