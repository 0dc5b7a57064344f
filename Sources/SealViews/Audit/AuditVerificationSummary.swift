public import SealAudit

/// What is shown about a verification of the audit chain (`audit verify`): whether it holds, what was checked and
/// every problem found, the first bad record first.
public struct AuditVerificationSummary: Encodable, Sendable, Hashable {
    public var valid: Bool
    public var records: Int
    public var checkpoints: Int
    public var lastSeq: Int64
    /// The first bad record's problem; absent when the chain holds.
    public var firstProblem: String?
    public var problems: [String]

    /// The summary of `verification`.
    public init(_ verification: AuditVerification) {
        valid = verification.isValid
        records = verification.records
        checkpoints = verification.checkpoints
        lastSeq = verification.lastSeq
        firstProblem = verification.firstProblem?.description
        problems = verification.problems.map(\.description)
    }
}
