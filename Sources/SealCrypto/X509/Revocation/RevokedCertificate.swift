public import Foundation

/// One entry of a CRL's revokedCertificates (RFC 5280 §5.1.2.6), with the entry extensions SealStation reads:
/// reasonCode (§5.3.1) and invalidityDate (§5.3.2).
public struct RevokedCertificate: Sendable, Hashable {
    /// The serial number, big-endian unsigned, without leading zero bytes (as `Certificate.serialNumber`).
    public var serialNumber: [UInt8]
    /// When the CA revoked it.
    public var revocationDate: Date
    /// The reasonCode entry extension; nil when absent (RFC 5280: then the reason is unspecified).
    public var reason: CRLReason?
    /// The invalidityDate entry extension: when the key is known or suspected to have been compromised, or the
    /// certificate otherwise became invalid; nil when absent.
    public var invalidityDate: Date?

    public init(serialNumber: [UInt8], revocationDate: Date, reason: CRLReason?, invalidityDate: Date? = nil) {
        self.serialNumber = Array(serialNumber.drop { $0 == 0 })
        self.revocationDate = revocationDate
        self.reason = reason
        self.invalidityDate = invalidityDate
    }

    /// The moment from which the certificate is not to be relied on: the invalidity date when it is earlier than the
    /// revocation date, else the revocation date.
    public var effectiveDate: Date { min(invalidityDate ?? revocationDate, revocationDate) }
}
