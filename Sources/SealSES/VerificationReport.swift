public import Foundation
public import SealASN1

/// The outcome of verifying a seal or a signature: every check with its result, and every accepted deviation.
public struct VerificationReport: Sendable, Codable, Equatable {
    /// One check.
    public struct Check: Sendable, Codable, Hashable {
        /// The outcome of one check.
        public enum Status: String, Sendable, Codable {
            case passed, failed, skipped
        }

        /// A stable identifier for scripts ("maker-signature", "validity", …).
        public var id: String
        /// What was checked, for people.
        public var title: String
        public var status: Status
        /// Why it passed, failed or was skipped.
        public var detail: String

        /// A check with its result (other verifiers, such as the filing bundle's, report in this form too).
        public init(id: String, title: String, status: Status, detail: String) {
            self.id = id
            self.title = title
            self.status = status
            self.detail = detail
        }
    }

    /// What was verified ("seal 电子印章 …" or "signature …").
    public var subject: String
    /// The instant validity was evaluated at.
    public var evaluatedAt: Date
    public var checks: [Check]
    /// Deviations from the standard that were accepted.
    public var deviations: [SESDeviation]

    /// Whether every check passed or was deliberately skipped, and at least one passed.
    public var isValid: Bool { !checks.contains { $0.status == .failed } && checks.contains { $0.status == .passed } }

    /// The failed checks.
    public var failures: [Check] { checks.filter { $0.status == .failed } }

    mutating func pass(_ id: String, _ title: String, _ detail: String) {
        checks.append(Check(id: id, title: title, status: .passed, detail: detail))
    }

    mutating func fail(_ id: String, _ title: String, _ detail: String) {
        checks.append(Check(id: id, title: title, status: .failed, detail: detail))
    }

    mutating func skip(_ id: String, _ title: String, _ detail: String) {
        checks.append(Check(id: id, title: title, status: .skipped, detail: detail))
    }
}
