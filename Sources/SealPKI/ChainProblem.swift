public import Foundation

/// One reason a certificate chain fails; each names the certificate (by subject) and the rule it breaks.
public enum ChainProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// No trust anchor or intermediate issued this certificate.
    case issuerNotFound(subject: String, issuer: String)
    /// The issuer's signature does not verify over the certificate's TBSCertificate.
    case signatureInvalid(subject: String, issuer: String)
    /// A self-signed trust anchor's own signature does not verify.
    case anchorSelfSignatureInvalid(subject: String)
    /// The signature algorithm is not SM2-with-SM3 or ECDSA-with-SHA256, or does not match the issuer key.
    case signatureAlgorithmUnsupported(subject: String, detail: String)
    /// The check time is before notBefore.
    case notYetValid(subject: String, notBefore: Date)
    /// The check time is after notAfter.
    case expired(subject: String, notAfter: Date)
    /// An issuing certificate is not a CA (basicConstraints cA FALSE or absent).
    case issuerNotCA(subject: String)
    /// An issuing certificate's keyUsage lacks keyCertSign.
    case issuerLacksKeyCertSign(subject: String)
    /// An issuing certificate's pathLenConstraint is exceeded.
    case pathLengthExceeded(subject: String, pathLength: Int)
    /// The end-entity certificate lacks a key usage the caller requires.
    case keyUsageMissing(subject: String, required: [String])
    /// A critical extension the verifier does not understand.
    case unhandledCriticalExtension(subject: String)
    /// An extension that could not be parsed.
    case invalidExtension(subject: String)
    /// The chain is longer than the verifier follows.
    case chainTooLong(limit: Int)

    public var description: String {
        switch self {
        case .issuerNotFound(let subject, let issuer):
            return "\(subject): no trusted certificate for its issuer \(issuer)"
        case .signatureInvalid(let subject, let issuer):
            return "\(subject): the signature by \(issuer) does not verify"
        case .anchorSelfSignatureInvalid(let subject):
            return "\(subject): the trust anchor's self-signature does not verify"
        case .signatureAlgorithmUnsupported(let subject, let detail):
            return "\(subject): \(detail)"
        case .notYetValid(let subject, let notBefore):
            return "\(subject): not valid before \(notBefore.formatted(.iso8601))"
        case .expired(let subject, let notAfter):
            return "\(subject): expired \(notAfter.formatted(.iso8601))"
        case .issuerNotCA(let subject):
            return "\(subject): issues certificates but is not a CA (basicConstraints cA is not TRUE)"
        case .issuerLacksKeyCertSign(let subject):
            return "\(subject): issues certificates but its keyUsage lacks keyCertSign"
        case .pathLengthExceeded(let subject, let pathLength):
            return "\(subject): pathLenConstraint \(pathLength) exceeded"
        case .keyUsageMissing(let subject, let required):
            return "\(subject): keyUsage lacks \(required.joined(separator: ", "))"
        case .unhandledCriticalExtension(let subject):
            return "\(subject): has a critical extension this verifier does not understand"
        case .invalidExtension(let subject):
            return "\(subject): has an extension that cannot be parsed"
        case .chainTooLong(let limit):
            return "the chain is longer than \(limit) certificates"
        }
    }
}
