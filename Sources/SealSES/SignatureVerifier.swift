public import Foundation
import SealASN1
public import SealCrypto
public import SealPKI

/// Verifies signatures (GM/T 0031-2014 §6.2.3 with GB/T 38540 field names): the signer's signature over the exact
/// TBS_Sign bytes, the signer certificate (chain at the signing time), that the signer is a holder of the seal,
/// the document hash, the embedded seal, and that the signing time lies inside the validity of the seal, of the signer
/// certificate and of the maker certificate (GB/T 38540 §7.3; checked whatever the trust policy).
public struct SignatureVerifier: Sendable {
    /// The seal verifier used for the embedded seal (it carries the trust policy).
    public var sealVerifier: SealVerifier

    /// `revocation` looks every certificate on the signer's and the maker's paths up on CRLs: the signer at the
    /// signing time, the maker at the seal's creation.
    public init(trust: TrustPolicy, intermediates: [Certificate] = [], revocation: RevocationChecker? = nil) {
        self.sealVerifier = SealVerifier(trust: trust, intermediates: intermediates, revocation: revocation)
    }

    /// Verifies `signature`; `document` nil skips the hash check (signature and seal are still checked).
    /// Time checks use the signing time; `fallbackTime` is used only when the signature carries none (v1).
    public func verify(_ signature: ElectronicSignature, document: [UInt8]?, fallbackTime: Date) -> VerificationReport {
        let signingTime = signature.signingTime
        let time = signingTime ?? fallbackTime
        var report = VerificationReport(
            subject: "signature on \"\(signature.documentName)\" with seal \(signature.seal.name) (\(signature.version.rawValue))",
            evaluatedAt: time, checks: [], deviations: signature.readingDeviations)

        let signer = checkSignerSignature(signature, into: &report)
        if let signer {
            sealVerifier.checkCertificate(
                signer, id: "signer-certificate", title: "signer certificate", at: time, moment: "the signing time",
                into: &report)
            checkSignerIsHolder(signer, seal: signature.seal, into: &report)
            checkWindow(
                of: signer, id: "signer-certificate-validity", title: "signing time inside the signer certificate's validity",
                times: [(time, signingTime == nil ? "checked at" : "signed")], into: &report)
        }
        checkDataHash(signature, document: document, into: &report)

        let sealReport = sealVerifier.verify(signature.seal, at: time, checkingHolderRevocation: false)
        for check in sealReport.checks {
            report.checks.append(.init(id: "seal.\(check.id)", title: "seal: \(check.title)", status: check.status, detail: check.detail))
        }
        report.deviations += sealReport.deviations.filter { !report.deviations.contains($0) }

        if let maker = try? sealVerifier.cache.certificate(signature.seal.makerCertificate) {
            checkWindow(
                of: maker, id: "maker-certificate-validity", title: "seal creation and signing time inside the maker certificate's validity",
                times: [(signature.seal.createDate, "the seal was made"), (time, signingTime == nil ? "checked at" : "signed")], into: &report)
        } else {
            report.fail("maker-certificate-validity", "seal creation and signing time inside the maker certificate's validity",
                        "the maker certificate cannot be read")
        }

        let title = "signing time inside the seal's validity"
        if let signingTime {
            if signature.seal.validStart <= signingTime, signingTime <= signature.seal.validEnd {
                report.pass("signing-time", title, "signed \(sealVerifier.format(signingTime))")
            } else {
                report.fail("signing-time", title, "signed \(sealVerifier.format(signingTime)), outside the seal's validity "
                    + "\(sealVerifier.format(signature.seal.validStart)) – \(sealVerifier.format(signature.seal.validEnd))")
            }
        } else {
            report.skip("signing-time", title, "the v1 time information is not a UTCTime; checked at \(sealVerifier.format(time)) instead")
        }
        return report
    }

    private func checkSignerSignature(_ signature: ElectronicSignature, into report: inout VerificationReport) -> Certificate? {
        let title = "signer signature over TBS_Sign"
        let certificate: Certificate
        do {
            certificate = try sealVerifier.cache.certificate(signature.signerCertificate)
        } catch {
            report.fail("signer-signature", title, "the signer certificate cannot be read: \(error)")
            return nil
        }
        do {
            guard let algorithm = SignatureAlgorithm(oid: signature.signatureAlgorithm),
                  algorithm.keyAlgorithm == certificate.publicKey.algorithm
            else {
                throw SESFormatError.invalidValue(
                    field: "signature algorithm",
                    reason: "\(signature.signatureAlgorithm) does not fit the signer's \(certificate.publicKey.algorithm.displayName) key")
            }
            let (valid, deviation) = try SignatureValue.verify(
                signature.signatureValue, field: "signer signature value", key: certificate.publicKey, message: signature.signedMessage)
            if let deviation { report.deviations.append(deviation) }
            if valid {
                report.pass("signer-signature", title, "\(algorithm.rawValue) by \(certificate.subject)")
            } else {
                report.fail("signer-signature", title, "the signer's signature does not verify over TBS_Sign")
            }
        } catch {
            report.fail("signer-signature", title, "\(error)")
        }
        return certificate
    }

    private func checkSignerIsHolder(_ signer: Certificate, seal: ElectronicSeal, into report: inout VerificationReport) {
        let title = "signer is a holder of the seal"
        if seal.lists(signer) {
            report.pass("signer-is-holder", title, "\(signer.subject) is in the seal's holder list")
        } else if seal.holderCertificates.isEmpty && seal.holderCertificateDigests.isEmpty {
            report.skip("signer-is-holder", title, "the seal lists its holders by identifier only")
        } else {
            report.fail("signer-is-holder", title, "\(signer.subject) is not in the seal's holder list")
        }
    }

    /// Passes when every one of `times` (instant, what happened then) lies inside `certificate`'s notBefore…notAfter.
    private func checkWindow(
        of certificate: Certificate, id: String, title: String, times: [(Date, String)], into report: inout VerificationReport
    ) {
        let window = "\(sealVerifier.format(certificate.notBefore)) – \(sealVerifier.format(certificate.notAfter))"
        let outside = times.filter { $0.0 < certificate.notBefore || $0.0 > certificate.notAfter }
        if outside.isEmpty {
            let moments = times.map { "\($0.1) \(sealVerifier.format($0.0))" }.joined(separator: ", ")
            report.pass(id, title, "\(moments): inside \(certificate.subject)'s validity \(window)")
        } else {
            let moments = outside.map { moment in
                "\(moment.1) \(sealVerifier.format(moment.0)), \(moment.0 < certificate.notBefore ? "before it was valid" : "after it expired")"
            }.joined(separator: "; ")
            report.fail(id, title, "\(moments): \(certificate.subject) is valid \(window)")
        }
    }

    private func checkDataHash(_ signature: ElectronicSignature, document: [UInt8]?, into report: inout VerificationReport) {
        let title = "document hash (SM3)"
        guard let document else {
            report.skip("data-hash", title, "no document given")
            return
        }
        guard let digest = try? SM3.hash(document) else {
            report.fail("data-hash", title, "SM3 failed")
            return
        }
        if digest == signature.dataHash {
            report.pass("data-hash", title, "SM3 of the \(document.count)-byte document matches")
        } else {
            report.fail("data-hash", title, "SM3 of the document is \(Hex.encode(digest)), the signature holds \(Hex.encode(signature.dataHash))")
        }
    }
}
