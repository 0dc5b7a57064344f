/// 验章: the upload form, and the verification report of what was uploaded (a seal, a detached signature with its
/// document, or a stamped OFD): the verdict, then per signature the seal, the signer, the time and every check with
/// 通过/未通过, the warnings and problems last.
struct VerifyPage: Sendable {
    typealias Field = ConsoleField

    struct Check: Sendable {
        let status: String
        let passed: Bool
        let failed: Bool
        let title: String
        let detail: String
    }

    struct Signature: Sendable {
        let heading: String
        let valid: Bool
        let verdict: String
        let facts: [Field]
        let checks: [Check]
    }

    /// Nil on the form alone.
    let report: Report?

    struct Report: Sendable {
        let valid: Bool
        let verdict: String
        let facts: [Field]
        let signatures: [Signature]
        let problems: [String]
        let warnings: [String]
        let hasWarnings: Bool
    }
}
