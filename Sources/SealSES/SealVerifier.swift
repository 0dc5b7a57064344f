public import Foundation
import SealASN1
public import SealCrypto
public import SealPKI

/// Verifies seals (GM/T 0031-2014 §6.1.2 with GB/T 38540 field names): the maker's signature over the exact signed
/// bytes, the maker certificate (chain at the seal's creation, key usage), the validity window, the picture and
/// the holder list.
public struct SealVerifier: Sendable {
    /// What certificates must chain to.
    public var trust: TrustPolicy
    /// Intermediate CA certificates that may complete chains.
    public var intermediates: [Certificate]
    /// Certificates parsed and chain signatures verified by this verifier (and its copies): a verifier reused for
    /// many seals from one maker parses the maker certificate and checks its chain signatures once.
    public let cache = VerificationCache()
    /// The CRLs every certificate on a path is looked up in, or nil for no revocation checks.
    public var revocation: RevocationChecker?

    public init(trust: TrustPolicy, intermediates: [Certificate] = [], revocation: RevocationChecker? = nil) {
        self.trust = trust
        self.intermediates = intermediates
        self.revocation = revocation
    }

    /// Verifies `seal`, evaluating its validity window at `time`. With ``revocation``, the maker certificate is looked
    /// up at the seal's creation and the holder certificates at `time`: a seal whose holder certificate was revoked
    /// (注销, 变更) before `time` is invalid.
    public func verify(_ seal: ElectronicSeal, at time: Date) -> VerificationReport {
        verify(seal, at: time, checkingHolderRevocation: true)
    }

    /// As ``verify(_:at:)``; a signature's verifier looks up its signer instead of the seal's holders.
    func verify(_ seal: ElectronicSeal, at time: Date, checkingHolderRevocation: Bool) -> VerificationReport {
        var report = VerificationReport(
            subject: "seal \(seal.name) (esID \(seal.esID), \(seal.version.rawValue))", evaluatedAt: time, checks: [],
            deviations: seal.readingDeviations)
        checkMakerSignature(seal, into: &report)
        checkValidity(seal, at: time, into: &report)
        checkPicture(seal, into: &report)
        checkHolders(seal, into: &report)
        if checkingHolderRevocation { checkHolderRevocation(seal, at: time, into: &report) }
        return report
    }

    // MARK: - Checks

    private func checkMakerSignature(_ seal: ElectronicSeal, into report: inout VerificationReport) {
        let title = "maker signature over the seal information"
        let certificate: Certificate
        do {
            certificate = try cache.certificate(seal.makerCertificate)
        } catch {
            report.fail("maker-signature", title, "the maker certificate cannot be read: \(error)")
            report.fail("maker-certificate", "maker certificate", "the maker certificate cannot be read")
            return
        }
        do {
            guard SignatureAlgorithm(oid: seal.signatureAlgorithm) == .sm2WithSM3 else {
                throw SESFormatError.invalidValue(
                    field: "signature algorithm", reason: "\(seal.signatureAlgorithm) is not SM2-with-SM3 (1.2.156.10197.1.501)")
            }
            guard certificate.publicKey.algorithm == .sm2 else {
                throw SESFormatError.invalidValue(field: "maker certificate", reason: "its key is not SM2")
            }
            let (valid, deviation) = try SignatureValue.verify(
                seal.signatureValue, field: "maker signature value", key: certificate.publicKey, message: seal.signedBytes)
            if let deviation { report.deviations.append(deviation) }
            if valid {
                report.pass("maker-signature", title, "SM2 with SM3 and ID 1234567812345678 by \(certificate.subject)")
            } else {
                report.fail("maker-signature", title, "the maker's signature does not verify over the seal information")
            }
        } catch {
            report.fail("maker-signature", title, "\(error)")
        }
        checkCertificate(
            certificate, id: "maker-certificate", title: "maker certificate", at: seal.createDate,
            moment: "the seal's creation", into: &report)
    }

    /// Chains `certificate` under the trust policy at `time`; checks key usage allows signing.
    func checkCertificate(
        _ certificate: Certificate, id: String, title: String, at time: Date, moment: String,
        into report: inout VerificationReport
    ) {
        if let usage = certificate.keyUsage, !usage.contains(.digitalSignature), !usage.contains(.nonRepudiation) {
            report.fail(id, title, "\(certificate.subject): keyUsage \(usage.names.joined(separator: ", ")) does not allow signing")
            return
        }
        let chain = self.chain(of: certificate, at: time)
        switch trust {
        case .noTrustCheck:
            report.skip(id, title, "\(certificate.subject): not chained (no trust check requested)")
        case .anchors:
            if chain.problems.isEmpty {
                report.pass(id, title, "\(certificate.subject) chains to \(chain.path.last!.subject) at \(moment) (\(format(time)))")
            } else {
                report.fail(id, title, chain.problems.map(\.description).joined(separator: "; "))
            }
        }
        checkRevocation(of: chain.path, id: id, title: title, at: time, moment: moment, into: &report)
    }

    /// The path from `certificate` towards a trust anchor, as far as it can be built, and its problems. Without a trust
    /// check, the path is the certificate and an intermediate that names itself its issuer (for CRL signatures only).
    private func chain(of certificate: Certificate, at time: Date) -> (path: [Certificate], problems: [ChainProblem]) {
        switch trust {
        case .noTrustCheck:
            return ([certificate] + intermediates.filter { certificate.isIssued(byNameOf: $0) && $0 != certificate }.prefix(1), [])
        case .anchors(let anchors):
            let result = CertificateChainVerifier(trustAnchors: anchors, intermediates: intermediates, cache: cache).verify(certificate, at: time)
            return (result.chain, result.problems)
        }
    }

    /// With ``revocation``: check `<id>-revocation`, every certificate of `path` but the anchor on its issuer's CRLs
    /// at `time`. An unknown status fails only with `requireCRL`.
    func checkRevocation(
        of path: [Certificate], id: String, title: String, at time: Date, moment: String, into report: inout VerificationReport
    ) {
        guard let revocation else { return }
        record(revocation.verdict(for: path, at: time, moment: moment), id: "\(id)-revocation", title: "\(title) not revoked (CRL)",
               requireCRL: revocation.requireCRL, into: &report)
    }

    /// A revocation verdict as a check: valid passes, invalid fails, unknown fails only with `requireCRL`.
    private func record(_ verdict: RevocationVerdict, id: String, title: String, requireCRL: Bool, into report: inout VerificationReport) {
        let detail = verdict.details.joined(separator: "; ")
        switch verdict.outcome {
        case .valid: report.pass(id, title, detail)
        case .invalid: report.fail(id, title, detail)
        case .unknown where requireCRL: report.fail(id, title, detail + " (a CRL is required: --require-crl)")
        case .unknown: report.skip(id, title, detail)
        }
    }

    /// With ``revocation``: every holder certificate the seal lists, on its issuer's CRLs at `time`.
    private func checkHolderRevocation(_ seal: ElectronicSeal, at time: Date, into report: inout VerificationReport) {
        guard let revocation else { return }
        let holders = seal.holderCertificates.compactMap { try? cache.certificate($0) }
        let verdict = holders.isEmpty
            ? RevocationVerdict(outcome: .unknown, details: ["the seal lists its holders by digest or identifier only, so they cannot be looked up on a CRL"])
            : RevocationVerdict.combine(holders.map { holder in
                revocation.verdict(for: chain(of: holder, at: time).path, at: time, moment: "the time checked")
            })
        record(verdict, id: "holder-revocation", title: "holder certificates not revoked (CRL)", requireCRL: revocation.requireCRL, into: &report)
    }

    /// The seal's own validity window at `time`.
    func checkValidity(_ seal: ElectronicSeal, at time: Date, into report: inout VerificationReport) {
        let title = "seal validity window"
        let window = "\(format(seal.validStart)) – \(format(seal.validEnd))"
        if seal.validStart > seal.validEnd {
            report.fail("validity", title, "the window \(window) is reversed")
        } else if seal.createDate > seal.validEnd {
            report.fail("validity", title, "made \(format(seal.createDate)), after its validity ended")
        } else if time < seal.validStart {
            report.fail("validity", title, "not yet valid at \(format(time)); valid \(window)")
        } else if time > seal.validEnd {
            report.fail("validity", title, "expired at \(format(time)); valid \(window)")
        } else {
            report.pass("validity", title, "\(format(time)) is inside \(window)")
        }
    }

    /// The picture's type, leading bytes and display size, read in place (a 4 KiB picture is not copied to be checked).
    private func checkPicture(_ seal: ElectronicSeal, into report: inout VerificationReport) {
        let title = "seal picture"
        let type = seal.pictureType, data = seal.pictureBytes, widthMM = seal.pictureWidthMM, heightMM = seal.pictureHeightMM
        guard let format = SealPicture.Format(declaredType: type) else {
            report.fail("picture", title, "type \"\(type)\" is not a picture type (PNG, SVG, GIF, JPG, BMP, OFD)")
            return
        }
        guard format.matches(data) else {
            report.fail("picture", title, "the \(data.count) bytes are not \(type)")
            return
        }
        let limit = SealPicture.maximumSizeMM
        guard (1...limit).contains(widthMM), (1...limit).contains(heightMM) else {
            report.fail("picture", title, "display size \(widthMM)×\(heightMM) mm is outside 1–\(limit) mm")
            return
        }
        report.pass("picture", title, "\(type), \(data.count) bytes, \(widthMM)×\(heightMM) mm")
    }

    private func checkHolders(_ seal: ElectronicSeal, into report: inout VerificationReport) {
        let title = "holder certificate list"
        guard seal.holderCount > 0 else {
            report.fail("holders", title, "the seal lists no holder")
            return
        }
        var unreadable: [Int] = []
        for (index, der) in seal.holderCertificates.enumerated() where (try? cache.certificate(der)) == nil {
            unreadable.append(index)
        }
        let badDigests = seal.holderCertificateDigests.filter { $0.value.isEmpty }.count
        if !unreadable.isEmpty {
            report.fail("holders", title, "entr\(unreadable.count == 1 ? "y" : "ies") \(unreadable.map(String.init).joined(separator: ", ")) not a readable X.509 certificate")
        } else if badDigests > 0 {
            report.fail("holders", title, "\(badDigests) empty certificate digest(s)")
        } else {
            let kind = seal.certListType == 2 ? "certificate digest(s)" : "certificate(s)"
            report.pass("holders", title, "\(seal.holderCount) \(kind)")
        }
    }

    func format(_ date: Date) -> String { SESTime.iso8601(date) }
}
