/// The result of verifying an audit chain (`audit verify`, and the audit stage of `bundle verify`).
public struct AuditVerification: Sendable, Codable {
    /// Records checked.
    public var records: Int
    /// Checkpoints checked.
    public var checkpoints: Int
    /// The last record's sequence number.
    public var lastSeq: Int64
    /// Every problem found, in sequence order; empty when the chain verifies.
    public var problems: [AuditProblem]

    /// A verification's result.
    public init(records: Int, checkpoints: Int, lastSeq: Int64, problems: [AuditProblem]) {
        self.records = records
        self.checkpoints = checkpoints
        self.lastSeq = lastSeq
        self.problems = problems
    }

    /// Whether no problem was found.
    public var isValid: Bool { problems.isEmpty }
    /// The first bad record, if any.
    public var firstProblem: AuditProblem? { problems.min { $0.seq < $1.seq } }
}
