public import SealDocument
import Foundation
import SealCrypto
import SealSES

/// A document verification report (OFD today, PDF next) as the programs print it: the verdict, then per signature
/// who signed with which seal and when, where its seal appears, the files it protects and does not, and every check
/// with its result; the document's warnings and problems last.
public enum DocumentReportText {
    /// The report's lines.
    public static func lines(_ report: DocumentVerificationReport) -> [String] {
        var lines: [String] = []
        let valid = report.signatures.filter(\.isValid).count
        lines.append(report.isValid
            ? "OK: \(report.document) (\(report.format.rawValue.uppercased())): all \(report.signatures.count) signature(s) verify"
            : "FAILED: \(report.document) (\(report.format.rawValue.uppercased())): \(valid) of \(report.signatures.count) signature(s) verify")
        for problem in report.problems { lines.append("problem: \(problem)") }
        for signature in report.signatures {
            lines.append("")
            lines.append("signature \(signature.id) (\(signature.kind.rawValue), \(signature.location)): \(signature.isValid ? "VALID" : "INVALID")")
            var facts: [(String, String)] = []
            if let seal = signature.seal { facts.append(("seal", "\(seal.name) — esID \(seal.esID), type \(seal.typeCode), \(seal.version)")) }
            if let signer = signature.signer { facts.append(("signer", signer)) }
            if let time = signature.signingTime { facts.append(("signed at", TimeText.iso8601(time))) }
            if let version = signature.sesVersion { facts.append(("SES", version)) }
            for appearance in signature.appearances {
                facts.append(("seal appears", "page \(appearance.page.map(String.init) ?? "?") (ID \(appearance.pageID)): \(appearance.boundary) mm"
                    + (appearance.clip.map { ", clip \($0)" } ?? "")))
            }
            let changed = signature.references.filter { $0.status != .ok }
            // A PDF signature protects a byte range, not files: its byte-range check says what it covers.
            if report.format != .pdf {
                facts.append(("protects", "\(signature.references.count) files, \(signature.references.count - changed.count) intact"
                    + (changed.isEmpty ? "" : "; " + changed.map { "\($0.file) \($0.status.rawValue)" }.joined(separator: ", "))))
            }
            for file in signature.unprotected {
                let reason = file.reason == .addedAfterSigning ? "added after this signature" : "not in its References"
                facts.append(("not protected", "\(file.file) (\(reason))" + (file.usedBy.isEmpty ? "" : ", used by " + file.usedBy.joined(separator: ", "))))
            }
            lines.append(TextTable.pairs(facts))
            let checks = signature.checks + (signature.ses?.checks ?? [])
            lines.append(TextTable.grid(header: ["status", "check", "detail"], rows: checks.map { [$0.status.rawValue, $0.title, $0.detail] }))
            for deviation in signature.deviations { lines.append("deviation: \(deviation)") }
        }
        if !report.warnings.isEmpty { lines.append("") }
        for warning in report.warnings {
            lines.append("warning" + (warning.signatureID.map { " (signature \($0))" } ?? "") + ": \(warning.message)")
        }
        lines.append("sm3 \(report.documentSM3)")
        return lines
    }
}
