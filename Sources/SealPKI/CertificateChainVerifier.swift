public import Foundation
public import SealCrypto

/// Builds and checks a chain from an end-entity certificate to a trust anchor, in Swift, over the exact signed
/// bytes, with the SM2 distinguishing ID 1234567812345678 on every SM2 signature (RFC 5280 §6 path validation,
/// restricted to what the station issues: names, key identifiers, validity, basicConstraints, keyUsage,
/// pathLenConstraint and unknown critical extensions).
public struct CertificateChainVerifier: Sendable {
    /// The certificates trusted without further checks (their own self-signatures are still checked).
    public var trustAnchors: [Certificate]
    /// Untrusted intermediates that may complete a chain.
    public var intermediates: [Certificate]
    /// The SM2 distinguishing ID used for every SM2 signature in the chain.
    public var userID: [UInt8]
    /// Remembers chain signatures already verified (shared across verifications), or nil to verify every time.
    public var cache: VerificationCache?
    /// The longest chain followed.
    public static let maximumChainLength = 8

    public init(
        trustAnchors: [Certificate], intermediates: [Certificate] = [], userID: [UInt8] = SM2.defaultUserID,
        cache: VerificationCache? = nil
    ) {
        self.trustAnchors = trustAnchors
        self.intermediates = intermediates
        self.userID = userID
        self.cache = cache
    }

    /// The result of one verification.
    public struct Result: Sendable {
        /// The chain from the certificate checked (first) to the anchor (last), as far as it could be built.
        public var chain: [Certificate]
        /// Every problem found; empty when the chain is valid.
        public var problems: [ChainProblem]
        /// Whether the chain is valid.
        public var isValid: Bool { problems.isEmpty }
    }

    /// Verifies `certificate` at `time`, requiring `requiredKeyUsage` on it when given.
    public func verify(_ certificate: Certificate, at time: Date, requiredKeyUsage: KeyUsage? = nil) -> Result {
        var problems: [ChainProblem] = []
        var chain = [certificate]
        var current = certificate
        while !trustAnchors.contains(current) {
            guard chain.count < Self.maximumChainLength else {
                problems.append(.chainTooLong(limit: Self.maximumChainLength))
                break
            }
            let candidates = (trustAnchors + intermediates).filter { candidate in
                candidate != current && current.isIssued(byNameOf: candidate)
                    && (current.authorityKeyIdentifier == nil || candidate.subjectKeyIdentifier == nil
                        || current.authorityKeyIdentifier == candidate.subjectKeyIdentifier)
            }
            guard !candidates.isEmpty else {
                problems.append(.issuerNotFound(subject: "\(current.subject)", issuer: "\(current.issuer)"))
                break
            }
            var signatureProblem: ChainProblem? = nil
            let issuer = candidates.first { candidate in
                do {
                    let valid = try cache?.isSignatureValid(of: current, issuedBy: candidate, userID: userID)
                        ?? current.isSignatureValid(under: candidate.publicKey, userID: userID)
                    if valid { return true }
                    signatureProblem = .signatureInvalid(subject: "\(current.subject)", issuer: "\(candidate.subject)")
                } catch {
                    signatureProblem = .signatureAlgorithmUnsupported(subject: "\(current.subject)", detail: "\(error)")
                }
                return false
            }
            guard let issuer else {
                problems.append(signatureProblem!)
                break
            }
            chain.append(issuer)
            current = issuer
        }

        if let anchor = chain.last, trustAnchors.contains(anchor), anchor.isSelfIssued {
            let valid = (try? cache?.isSignatureValid(of: anchor, issuedBy: anchor, userID: userID)
                ?? anchor.isSignatureValid(under: anchor.publicKey, userID: userID)) ?? false
            if !valid { problems.append(.anchorSelfSignatureInvalid(subject: "\(anchor.subject)")) }
        }
        for (index, link) in chain.enumerated() {
            var subject: String { link.subject.description }  // only built when a problem is reported
            if time < link.notBefore { problems.append(.notYetValid(subject: subject, notBefore: link.notBefore)) }
            if time > link.notAfter { problems.append(.expired(subject: subject, notAfter: link.notAfter)) }
            if link.hasUnhandledCriticalExtension { problems.append(.unhandledCriticalExtension(subject: subject)) }
            if link.hasInvalidExtension { problems.append(.invalidExtension(subject: subject)) }
            guard index > 0 else { continue }
            // link issued chain[index - 1]: it must be a CA allowed to sign certificates.
            if !link.isCertificateAuthority { problems.append(.issuerNotCA(subject: subject)) }
            if let usage = link.keyUsage, !usage.contains(.keyCertSign) {
                problems.append(.issuerLacksKeyCertSign(subject: subject))
            }
            // Intermediate CA certificates below this one (self-issued ones do not count, RFC 5280 §4.2.1.9).
            let intermediatesBelow = chain[1..<index].filter { !$0.isSelfIssued }.count
            if let pathLength = link.pathLengthConstraint, intermediatesBelow > pathLength {
                problems.append(.pathLengthExceeded(subject: subject, pathLength: pathLength))
            }
        }
        if let requiredKeyUsage {
            let present = certificate.keyUsage ?? []
            let missing = KeyUsage(rawValue: requiredKeyUsage.rawValue & ~present.rawValue)
            if !missing.isEmpty { problems.append(.keyUsageMissing(subject: "\(certificate.subject)", required: missing.names)) }
        }
        return Result(chain: chain, problems: problems)
    }
}
