/// What a station's latest filed CRL says about one of its certificates.
public enum FiledRevocationStatus: Sendable, Equatable {
    /// Listed on the station's latest filed CRL.
    case revoked(FiledRevocationRecord, crl: FiledCRLRecord)
    /// Not listed on the station's latest filed CRL (which may be stale: ``FiledCRLRecord/isStale(at:)``).
    case notRevoked(crl: FiledCRLRecord)
    /// The station never filed a CRL (its bundles predate CRLs): only its revocations.json entries are known.
    case noCRL
}
