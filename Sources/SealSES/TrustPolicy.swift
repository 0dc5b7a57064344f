public import SealCrypto

/// What the maker's and signer's certificates must chain to.
public enum TrustPolicy: Sendable {
    /// Chains must reach one of these anchors (the station CA, or anchors given by the caller).
    case anchors([Certificate])
    /// Certificates are parsed and their keys used, but not chained to anything (for seals of other systems whose
    /// CA is not at hand). Reported as a skipped check.
    case noTrustCheck
}
