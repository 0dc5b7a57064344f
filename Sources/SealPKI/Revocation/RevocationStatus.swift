public import SealCrypto

/// What the CRLs say about one certificate.
public enum RevocationStatus: Sendable, Hashable {
    /// Not listed on a current CRL of its issuer.
    case notRevoked(CRLSummary)
    /// Listed (on a CRL whose signature verified; stale or not, a revocation stands).
    case revoked(RevokedCertificate, CRLSummary)
    /// Not established.
    case unknown(RevocationProblem)
}
