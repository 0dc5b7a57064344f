import ArgumentParser

/// Exit codes scripts can rely on (the same as `sealstation`'s).
enum ExitStatus {
    /// A verification ran and the bundle did not verify (the report says why).
    static let verificationFailed = ExitCode(2)
    /// A filing bundle was refused because of its place in the station's sequence (gap, late or replayed bundle,
    /// broken chain); `--accept-gap` imports it.
    static let sequenceAnomaly = ExitCode(3)
}
