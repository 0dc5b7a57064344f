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

    public init(trust: TrustPolicy, intermediates: [Certificate] = []) {
        self.trust = trust
        self.intermediates = intermediates
    }

    /// Verifies `seal`, evaluating its validity window at `time`.
    public func verify(_ seal: ElectronicSeal, at time: Date) -> VerificationReport {
        var report = VerificationReport(
            subject: "seal \(seal.name) (esID \(seal.esID), \(seal.version.rawValue))", evaluatedAt: time, checks: [],
            deviations: seal.readingDeviations)
        checkMakerSignature(seal, into: &report)
        checkValidity(seal, at: time, into: &report)
        checkPicture(seal, into: &report)
        checkHolders(seal, into: &report)
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
        switch trust {
        case .noTrustCheck:
            report.skip(id, title, "\(certificate.subject): not chained (no trust check requested)")
        case .anchors(let anchors):
            let result = CertificateChainVerifier(
                trustAnchors: anchors, intermediates: intermediates, cache: cache
            ).verify(certificate, at: time)
            if result.isValid {
                report.pass(id, title, "\(certificate.subject) chains to \(result.chain.last!.subject) at \(moment) (\(format(time)))")
            } else {
                report.fail(id, title, result.problems.map(\.description).joined(separator: "; "))
            }
        }
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
