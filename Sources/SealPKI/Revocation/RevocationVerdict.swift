public import Foundation
public import SealCrypto

/// The revocation outcome for a certificate path at the time that matters, worded for a report.
public struct RevocationVerdict: Sendable, Hashable {
    /// The outcomes, worst last.
    public enum Outcome: Int, Sendable, Hashable, Comparable {
        /// No certificate on the path is revoked at the time that matters (or was revoked only after it).
        case valid
        /// Not established (no CRL, a stale or refused CRL): a failure with `--require-crl`, else reported as skipped.
        case unknown
        /// A certificate on the path is revoked at the time that matters, or its key was compromised.
        case invalid

        public static func < (lhs: Outcome, rhs: Outcome) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var outcome: Outcome
    /// One sentence per certificate checked.
    public var details: [String]
    /// The revoked certificates found, with their entries (for scripts: serial, reason, dates).
    public var revoked: [RevokedCertificate]

    public init(outcome: Outcome, details: [String], revoked: [RevokedCertificate] = []) {
        self.outcome = outcome
        self.details = details
        self.revoked = revoked
    }

    /// The verdict for one certificate's `status`, judged at `claimedTime` (`moment` says what that time is: "the
    /// signing time", "the seal's creation"…):
    /// - a compromise reason (keyCompromise, cACompromise, aACompromise): invalid whatever the time, since whoever
    ///   holds the key can claim any time;
    /// - a time at or after the effective revocation (the earlier of invalidityDate and revocationDate): invalid;
    /// - a time before it: valid, reported with both times, since the time is the signer's claim;
    /// - removeFromCRL: not revoked.
    public static func judge(_ status: RevocationStatus, subject: String, at claimedTime: Date, moment: String) -> RevocationVerdict {
        switch status {
        case .notRevoked(let crl):
            let next = crl.nextUpdate.map { ", next update \(TimeText.iso8601($0))" } ?? ""
            return RevocationVerdict(outcome: .valid, details: ["\(subject): not revoked (\(crl.name), issued \(TimeText.iso8601(crl.thisUpdate))\(next))"])
        case .unknown(let problem):
            return RevocationVerdict(outcome: .unknown, details: ["\(subject): revocation status unknown: \(problem)"])
        case .revoked(let entry, let crl):
            let reason = entry.reason ?? .unspecified
            if reason == .removeFromCRL {
                return RevocationVerdict(outcome: .valid, details: ["\(subject): released from hold (\(crl.name))"])
            }
            var what = "\(subject) (serial \(Hex.encode(entry.serialNumber))) was revoked \(TimeText.iso8601(entry.revocationDate)), reason \(reason.name) (\(reason.chineseName))"
            if let invalidity = entry.invalidityDate { what += ", invalid since \(TimeText.iso8601(invalidity))" }
            what += " (\(crl.name))"
            let claimed = "\(moment) \(TimeText.iso8601(claimedTime))"
            if reason.isCompromise {
                let relation = claimedTime >= entry.effectiveDate ? "is after it" : "is before it, but"
                return RevocationVerdict(
                    outcome: .invalid,
                    details: ["\(what); \(claimed) \(relation) the key was compromised, so no time its holder claims can be trusted"],
                    revoked: [entry])
            }
            if claimedTime >= entry.effectiveDate {
                return RevocationVerdict(outcome: .invalid, details: ["\(what); \(claimed) is after the revocation"], revoked: [entry])
            }
            return RevocationVerdict(
                outcome: .valid,
                details: ["\(what); \(claimed) is before the revocation — valid only if that claimed time is true (it is the signer's claim, not a timestamp)"],
                revoked: [entry])
        }
    }

    /// The verdicts of several certificates together: the worst outcome, every detail.
    public static func combine(_ verdicts: [RevocationVerdict]) -> RevocationVerdict {
        RevocationVerdict(
            outcome: verdicts.map(\.outcome).max() ?? .unknown, details: verdicts.flatMap(\.details),
            revoked: verdicts.flatMap(\.revoked))
    }
}
