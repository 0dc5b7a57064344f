import SealSES

/// One stage of ``BundleVerifier``: its check and, when it passed, what the later stages need from it.
struct BundleStageResult<Value> {
    var check: VerificationReport.Check
    var value: Value?

    static func passed(_ stage: BundleCheck, _ detail: String, _ value: Value) -> Self {
        Self(check: stage.passed(detail), value: value)
    }

    static func failed(_ stage: BundleCheck, _ detail: String) -> Self {
        Self(check: stage.failed(detail), value: nil)
    }
}
