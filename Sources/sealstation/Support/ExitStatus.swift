import ArgumentParser

/// Exit codes scripts can rely on.
enum ExitStatus {
    /// A verification ran and the object did not verify (the report says why).
    static let verificationFailed = ExitCode(2)
}
