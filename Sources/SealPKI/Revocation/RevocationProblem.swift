public import Foundation
import SealCrypto

/// Why the revocation status of a certificate could not be established; each names the issuer whose CRL is at fault.
public enum RevocationProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// No CRL given is from the certificate's issuer.
    case noCRL(issuer: String, given: Int)
    /// The only CRLs from the issuer are past their nextUpdate.
    case stale(crl: String, nextUpdate: Date, now: Date)
    /// The CRL's thisUpdate is in the future.
    case notYetIssued(crl: String, thisUpdate: Date, now: Date)
    /// The CRL's signature does not verify under the issuer's key (a damaged CRL, or one by another CA).
    case signatureInvalid(crl: String, issuer: String, detail: String)
    /// The issuer's keyUsage lacks cRLSign.
    case issuerMayNotSignCRLs(issuer: String)
    /// The CRL has critical extensions this verifier does not understand (a delta or partitioned CRL).
    case unhandledCriticalExtensions(crl: String, oids: [String])
    /// The certificate's issuer is not known, so no CRL signature can be checked.
    case issuerUnknown(subject: String)

    public var description: String {
        switch self {
        case .noCRL(let issuer, let given):
            return given == 0 ? "no CRL given (--crl) for certificates of \(issuer)" : "none of the \(given) CRL(s) given is from \(issuer)"
        case .stale(let crl, let nextUpdate, let now):
            return "\(crl) is stale: its next update was due \(TimeText.iso8601(nextUpdate)), it is now \(TimeText.iso8601(now)); get a fresh CRL"
        case .notYetIssued(let crl, let thisUpdate, let now):
            return "\(crl) claims to be issued \(TimeText.iso8601(thisUpdate)), after now (\(TimeText.iso8601(now))); refused"
        case .signatureInvalid(let crl, let issuer, let detail):
            return "\(crl) is refused: its signature does not verify under the key of \(issuer) (\(detail))"
        case .issuerMayNotSignCRLs(let issuer):
            return "\(issuer) may not sign CRLs (its keyUsage lacks cRLSign); its CRL is refused"
        case .unhandledCriticalExtensions(let crl, let oids):
            return "\(crl) has critical extensions this verifier does not understand (\(oids.joined(separator: ", "))); refused"
        case .issuerUnknown(let subject):
            return "the issuer of \(subject) is not known, so no CRL can be checked for it (give it with --anchor or --untrusted)"
        }
    }
}
