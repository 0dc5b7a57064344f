/// The result of verifying an audit chain (`audit verify`, and the audit stage of `bundle verify`).
public struct AuditVerification: Sendable, Codable {
    public var records: Int
    public var checkpoints: Int
    public var lastSeq: Int64
    public var problems: [AuditProblem]

    public init(records: Int, checkpoints: Int, lastSeq: Int64, problems: [AuditProblem]) {
        self.records = records
        self.checkpoints = checkpoints
        self.lastSeq = lastSeq
        self.problems = problems
    }

    public var isValid: Bool { problems.isEmpty }
    /// The first bad record, if any.
    public var firstProblem: AuditProblem? { problems.min { $0.seq < $1.seq } }
}
