public import Foundation
public import SealCrypto

/// Answers whether certificates are revoked, from the CRLs given (RFC 5280 §6.3, for complete CRLs issued by the
/// certificate's own CA): a CRL counts for a certificate when its issuer name is the issuing CA's subject (and its
/// authorityKeyIdentifier the CA's key identifier), its signature verifies under the CA's key, the CA may sign CRLs,
/// it has no critical extension this checker does not understand, and it is not dated in the future. A revocation on
/// such a CRL stands even when the CRL is stale; a certificate not listed is "not revoked" only while the newest CRL
/// of its issuer is current.
///
/// Each CRL's signature is checked once per issuer and remembered, so once loaded, a lookup is one hash: this is what
/// keeps a 100,000-entry CRL cheap on every verification. Thread-safe.
public final class RevocationChecker: @unchecked Sendable {
    /// The CRLs, as given.
    public let crls: [CertificateRevocationList]
    /// Whether an unknown status is a failure (`--require-crl`).
    public let requireCRL: Bool
    /// The time staleness and future dates are judged at (the verification's "now", not the claimed signing time).
    public let now: Date

    private struct Key: Hashable {
        let crl: Int
        let issuer: [UInt8]
    }

    private let summaries: [CRLSummary]
    private let lock = NSLock()
    private var judged: [Key: RevocationProblem?] = [:]

    public init(crls: [CertificateRevocationList], requireCRL: Bool = false, now: Date) {
        self.crls = crls
        self.requireCRL = requireCRL
        self.now = now
        self.summaries = crls.map(CRLSummary.init)
    }

    /// The status of `certificate`, issued by `issuer`.
    public func status(of certificate: Certificate, issuedBy issuer: Certificate) -> RevocationStatus {
        var usable: [(crl: CertificateRevocationList, summary: CRLSummary)] = []
        var refusal: RevocationProblem?
        for (offset, crl) in crls.enumerated() where crl.issuerNameDER == issuer.subjectNameDER {
            if let problem = judge(offset, crl, issuer: issuer) {
                refusal = refusal ?? problem
            } else {
                usable.append((crl, summaries[offset]))
            }
        }
        guard !usable.isEmpty else {
            return .unknown(refusal ?? .noCRL(issuer: issuer.subject.description, given: crls.count))
        }
        // A revocation on any usable CRL stands (the earliest, if several list it).
        var found: (entry: RevokedCertificate, crl: CertificateRevocationList, summary: CRLSummary)?
        for (crl, summary) in usable {
            if let entry = crl.entry(for: certificate), found.map({ entry.effectiveDate < $0.entry.effectiveDate }) ?? true {
                found = (entry, crl, summary)
            }
        }
        let newest = usable.max { $0.crl.thisUpdate < $1.crl.thisUpdate }!
        if let found {
            // A hold released by a newer CRL that no longer lists it.
            if found.entry.reason == .certificateHold, newest.crl.thisUpdate > found.crl.thisUpdate,
               newest.crl.entry(for: certificate) == nil, !newest.crl.isStale(at: now) {
                return .notRevoked(newest.summary)
            }
            return .revoked(found.entry, found.summary)
        }
        if let nextUpdate = newest.crl.nextUpdate, now > nextUpdate {
            return .unknown(.stale(crl: newest.summary.name, nextUpdate: nextUpdate, now: now))
        }
        return .notRevoked(newest.summary)
    }

    /// The verdict for a chain (end entity first, trust anchor last) at `claimedTime`: every certificate but the
    /// anchor is looked up on its issuer's CRLs.
    public func verdict(for chain: [Certificate], at claimedTime: Date, moment: String) -> RevocationVerdict {
        if chain.count == 1, let anchor = chain.first, anchor.isSelfIssued {
            return RevocationVerdict(outcome: .valid, details: ["\(anchor.subject) is a self-signed trust anchor: no CRL speaks for it"])
        }
        guard chain.count >= 2 else {
            let subject = chain.first.map { "\($0.subject)" } ?? "the certificate"
            return RevocationVerdict(outcome: .unknown, details: ["\(subject): revocation status unknown: \(RevocationProblem.issuerUnknown(subject: subject))"])
        }
        return RevocationVerdict.combine((0..<(chain.count - 1)).map { index in
            RevocationVerdict.judge(
                status(of: chain[index], issuedBy: chain[index + 1]), subject: chain[index].subject.description,
                at: claimedTime, moment: moment)
        })
    }

    /// Why `crl` cannot be used for certificates of `issuer`, or nil; computed once per pair.
    private func judge(_ offset: Int, _ crl: CertificateRevocationList, issuer: Certificate) -> RevocationProblem? {
        let key = Key(crl: offset, issuer: issuer.fingerprint)
        if let known = lock.withLock({ judged[key] }) { return known }
        let name = summaries[offset].name
        let problem: RevocationProblem?
        if let crlKey = crl.authorityKeyIdentifier, let issuerKey = issuer.subjectKeyIdentifier, crlKey != issuerKey {
            problem = .signatureInvalid(
                crl: name, issuer: issuer.subject.description,
                detail: "it names another key: authorityKeyIdentifier \(Hex.encode(crlKey)), the CA's key identifier is \(Hex.encode(issuerKey))")
        } else if let usage = issuer.keyUsage, !usage.contains(.cRLSign) {
            problem = .issuerMayNotSignCRLs(issuer: issuer.subject.description)
        } else if !crl.unhandledCriticalExtensions.isEmpty {
            problem = .unhandledCriticalExtensions(crl: name, oids: crl.unhandledCriticalExtensions)
        } else if crl.thisUpdate > now.addingTimeInterval(Self.clockTolerance) {
            problem = .notYetIssued(crl: name, thisUpdate: crl.thisUpdate, now: now)
        } else {
            do {
                problem = try crl.isSignatureValid(under: issuer.publicKey)
                    ? nil : .signatureInvalid(crl: name, issuer: issuer.subject.description, detail: "SM2/ECDSA verification failed")
            } catch {
                problem = .signatureInvalid(crl: name, issuer: issuer.subject.description, detail: "\(error)")
            }
        }
        lock.withLock { judged[key] = .some(problem) }
        return problem
    }

    /// How far in the future a CRL's thisUpdate may be (clocks of an offline station and a verifier differ).
    public static let clockTolerance: TimeInterval = 300
}
