import Foundation
import SealASN1
import SealCrypto
import SealDocument
import SealPKI
import SealSES
import SwiftASN1

/// The checks of one PDF signature field, in the order a reader would make them; every failure is named and the
/// checks that can still be made go on.
struct PDFSignatureCheck {
    let file: PDFFile
    let limits: PDFLimits
    let time: Date
    let trust: TrustPolicy
    let intermediates: [Certificate]
    let verifier: SignatureVerifier
    /// The whole file's objects, for comparing what later revisions changed; nil when it could not be opened (the
    /// reason).
    let changes: Result<PDFRevisionChanges, PDFStructureError>?
    let name: String

    /// Names what the revisions after this signature's changed, or passes when they only add signatures and fill in
    /// form fields.
    func checkLaterRevisions(after end: Int, later: Int, into report: inout DocumentSignatureReport) {
        let title = "what changed after signing"
        let count = file.revisionEnds.filter { $0 > end }.count
        switch changes {
        case .none:
            report.fail("later-revisions", title, "\(later) bytes in \(count) later revision(s) follow this signature and were not analysed")
        case .failure(let error):
            report.fail("later-revisions", title, "the \(count) later revision(s) cannot be compared with the document as signed: \(error)")
        case .success(let analysis):
            let distinct = Set(file.signatureFields.compactMap { $0.byteRange.count == 4 ? $0.byteRange[2] + $0.byteRange[3] : nil }).count
            guard max(1, distinct) * max(1, analysis.size) <= PDFRevisionChanges.workLimit else {
                report.fail(
                    "later-revisions", title,
                    "\(analysis.size) objects in \(distinct) signed revisions are more than this verifier compares (\(PDFRevisionChanges.workLimit)); what changed after signing is unknown")
                return
            }
            do {
                let problems = try analysis.problems(after: end, in: file.bytes, name: name)
                if problems.isEmpty {
                    report.pass("later-revisions", title, "\(count) later revision(s) only add signatures, fill in form fields or update the metadata")
                } else {
                    report.fail("later-revisions", title, problems.joined(separator: "; "))
                }
            } catch {
                report.fail("later-revisions", title, "the document as signed (its first \(end) bytes) cannot be read: \(error)")
            }
        }
    }

    func verify(_ field: PDFSignatureField) -> DocumentSignatureReport {
        var report = DocumentSignatureReport(
            id: field.name, location: field.signature.map { "signature dictionary \($0)" } ?? "field \(field.name)", kind: .sign)
        for widget in field.widgets {
            guard let page = widget.page, file.pages.indices.contains(page - 1) else { continue }
            report.appearances.append(Self.appearance(field: field, page: page, rect: widget.rect, pageBox: file.pages[page - 1].box))
        }
        guard ["adbe.pkcs7.detached", "ETSI.CAdES.detached"].contains(field.subFilter ?? "") else {
            report.fail(
                "sub-filter", "signature format (/Filter, /SubFilter)",
                "/SubFilter \(field.subFilter ?? "(none)") is not a detached CMS (adbe.pkcs7.detached or ETSI.CAdES.detached)")
            return report
        }
        report.pass("sub-filter", "signature format (/Filter, /SubFilter)", "\(field.filter ?? "no /Filter"), \(field.subFilter ?? "no /SubFilter")")
        // The byte range, and what it leaves out.
        let range: PDFByteRange
        switch PDFByteRange.check(field.byteRange, file: file.bytes) {
        case .failure(let problem):
            report.fail("byte-range", "byte range (/ByteRange)", "\(problem)")
            return report
        case .success(let checked):
            range = checked
        }
        let later = file.bytes.count - range.end
        if later == 0 {
            report.pass("byte-range", "byte range (/ByteRange)", "covers the whole file except the /Contents string (\(range.gapStart)–\(range.gapEnd))")
        } else if file.revisionEnds.contains(range.end) {
            report.pass(
                "byte-range", "byte range (/ByteRange)",
                "covers its revision (the first \(range.end) bytes) except the /Contents string; \(later) bytes were added after it")
            checkLaterRevisions(after: range.end, later: later, into: &report)
        } else {
            report.fail("byte-range", "byte range (/ByteRange)", "it ends at byte \(range.end), which is not the end of a revision (%%EOF)")
            return report
        }
        let gap = range.gapBytes(of: file.bytes)
        guard gap == field.contents || (gap.count >= field.contents.count && gap.starts(with: field.contents)) else {
            report.fail("contents", "signature value (/Contents)", "the /Contents libqpdf reads is not the hex string the byte range leaves out")
            return report
        }
        guard field.contents.count <= limits.signatureBytes else {
            report.fail("contents", "signature value (/Contents)", "\(field.contents.count) bytes, over the \(limits.signatureBytes)-byte limit")
            return report
        }
        // The CMS.
        let content: CMS.ContentInfo
        let signedData: CMS.SignedData
        do {
            content = try Self.contentInfo(field.contents)
            signedData = try content.signedData()
        } catch {
            report.fail("cms", "CMS SignedData in /Contents", "not a readable CMS ContentInfo: \(error)")
            return report
        }
        guard content.contentType == CMS.signedData || content.contentType == GBT35275.signedData else {
            report.fail("cms", "CMS SignedData in /Contents", "the content type \(content.contentType) is not signedData")
            return report
        }
        if content.contentType == GBT35275.signedData {
            report.deviations.append("the CMS uses GB/T 35275's content types (1.2.156.10197.6.1.4.2.x), which most PDF tools cannot read")
        }
        guard signedData.encapContentInfo.eContent == nil else {
            report.fail("cms", "CMS SignedData in /Contents", "the SignedData carries its content; a PDF signature must be detached")
            return report
        }
        guard signedData.signerInfos.count == 1, let signer = signedData.signerInfos.first else {
            report.fail("cms", "CMS SignedData in /Contents", "\(signedData.signerInfos.count) SignerInfos; a PDF signature has exactly one")
            return report
        }
        let certificates = (signedData.certificates ?? []).compactMap { try? Certificate(derEncoded: $0) }
        report.pass("cms", "CMS SignedData in /Contents", "detached SignedData, \(certificates.count) certificate(s), one signer")
        guard let certificate = Self.signerCertificate(signer.sid, in: certificates) else {
            report.fail("signer-certificate", "signer certificate", "the SignerInfo's signer is not among the \(certificates.count) certificates carried")
            return report
        }
        report.signer = "\(certificate.subject)"
        report.pass("signer-certificate", "signer certificate", "\(certificate.subject), \(certificate.publicKey.algorithm.displayName)")

        // The message digest, over the byte range.
        let signed = range.signedBytes(of: file.bytes)
        let digestAlgorithm: DigestAlgorithm
        switch signer.digestAlgorithm.algorithm {
        case ObjectIdentifiers.sm3: digestAlgorithm = .sm3
        case CMS.sha256: digestAlgorithm = .sha256
        default:
            report.fail("message-digest", "message digest of the byte range", "digest algorithm \(signer.digestAlgorithm.algorithm) is neither SM3 nor SHA-256")
            return report
        }
        let digest: [UInt8]
        do {
            digest = try digestAlgorithm.hash(signed)
        } catch {
            report.fail("message-digest", "message digest of the byte range", "\(error)")
            return report
        }
        guard let attributesDER = signer.signedAttributesDER, let messageDigest = Self.octets(signer.signedAttribute(CMS.messageDigestAttribute)) else {
            report.fail("message-digest", "message digest of the byte range", "the SignerInfo has no signed messageDigest attribute")
            return report
        }
        if messageDigest == digest {
            report.pass("message-digest", "message digest of the byte range", "\(digestAlgorithm.rawValue.uppercased()) of \(signed.count) bytes matches")
        } else {
            report.fail("message-digest", "message digest of the byte range", "the signed bytes changed: their \(digestAlgorithm.rawValue.uppercased()) is not the signed messageDigest")
        }
        Self.checkSigningCertificate(signer, certificate: certificate, required: field.subFilter == PDFSubFilter.etsiCAdESDetached.rawValue, into: &report)
        let contentType = signer.signedAttribute(CMS.contentTypeAttribute)?.first.flatMap { try? ASN1ObjectIdentifier(asn1Any: $0) }
        if contentType != signedData.encapContentInfo.eContentType {
            report.fail("content-type", "contentType attribute", "the signed contentType is not the encapsulated content's type \(signedData.encapContentInfo.eContentType)")
        }
        // The signer's signature over the signed attributes.
        let algorithm = signer.signatureAlgorithm.algorithm
        let expectedKey: KeyAlgorithm? =
            switch algorithm {
            case ObjectIdentifiers.sm2WithSM3, GBT35275.sm2Signature: .sm2
            case ObjectIdentifiers.ecdsaWithSHA256: .p256
            case ObjectIdentifiers.ecPublicKey: certificate.publicKey.algorithm
            default: nil
            }
        let title = "signer's signature over the signed attributes"
        if expectedKey == nil || expectedKey != certificate.publicKey.algorithm || expectedKey?.signatureAlgorithm.digest != digestAlgorithm {
            report.fail("cms-signature", title, "signature algorithm \(algorithm) with digest \(digestAlgorithm.rawValue) does not fit the signer's \(certificate.publicKey.algorithm.displayName) key")
        } else if (try? certificate.publicKey.isValidSignature(signer.signature, for: attributesDER)) == true {
            report.pass("cms-signature", title, "\(certificate.publicKey.algorithm.displayName) signature verifies\(expectedKey == .sm2 ? " (ID 1234567812345678)" : "")")
        } else {
            report.fail("cms-signature", title, "the signature does not verify with the signer certificate's key")
        }
        // When it was signed, and the signer's chain then.
        let signingTime = Self.signingTime(signer) ?? field.signingTimeText.flatMap(PDFDate.parse)
        report.signingTime = signingTime
        checkChain(certificate, others: certificates, at: signingTime ?? time, into: &report)
        // The seal.
        checkSES(signer, certificate: certificate, signedBytes: signed, into: &report)
        return report
    }

    private func checkChain(_ certificate: Certificate, others: [Certificate], at moment: Date, into report: inout DocumentSignatureReport) {
        let title = "signer certificate chain"
        switch trust {
        case .noTrustCheck:
            report.skip("signer-chain", title, "no trust anchors given (--no-trust-check)")
        case .anchors(let anchors):
            let result = CertificateChainVerifier(trustAnchors: anchors, intermediates: intermediates + others).verify(certificate, at: moment)
            if result.isValid {
                report.pass("signer-chain", title, "\(certificate.subject) chains to \(result.chain.last.map { "\($0.subject)" } ?? "") at the signing time")
            } else {
                report.fail("signer-chain", title, result.problems.map(\.description).joined(separator: "; "))
            }
        }
    }

    private func checkSES(_ signer: CMS.SignerInfo, certificate: Certificate, signedBytes: [UInt8], into report: inout DocumentSignatureReport) {
        let title = "seal (GB/T 38540 SES_Signature)"
        guard let values = signer.unsignedAttribute(encodedType: PDFSESAttribute.encodedType) else {
            report.fail(
                "ses-signature", title,
                "the signature carries no GB/T 38540 SES_Signature (attribute \(PDFSESAttribute.dotted)): it is a digital signature without a seal")
            return
        }
        guard values.count == 1, let octets = Self.octets(values), let signature = try? ElectronicSignature(derEncoded: octets) else {
            report.fail("ses-signature", title, "the SES_Signature attribute does not hold one readable SES_Signature")
            return
        }
        report.kind = .seal
        report.seal = SealIdentity(signature.seal)
        report.sesVersion = signature.version.rawValue
        if signature.signerCertificate != certificate.derEncoded {
            report.fail("ses-signature", title, "the SES_Signature's signer certificate is not the CMS signer's")
        } else {
            report.pass("ses-signature", title, "\(signature.version.rawValue) SES_Signature of seal \(signature.seal.esID) by the CMS signer")
        }
        let ses = verifier.verify(signature, document: signedBytes, fallbackTime: report.signingTime ?? time)
        report.deviations += ses.deviations.map { "\($0)" }
        report.ses = ses
        if report.signingTime == nil { report.signingTime = signature.signingTime }
    }

    // MARK: - Reading

    /// The ContentInfo at the start of `contents` (which the signer padded with zeros up to the reserved size).
    static func contentInfo(_ contents: [UInt8]) throws -> CMS.ContentInfo {
        var end = contents.count
        while end > 0, contents[end - 1] == 0 { end -= 1 }
        // The DER itself may end in zero bytes: give them back one at a time until it reads.
        var lastError: (any Error)?
        for extra in 0...min(16, contents.count - end) {
            do {
                return try CMS.ContentInfo(derEncoded: Array(contents[0..<(end + extra)]))
            } catch {
                lastError = error
            }
        }
        throw lastError ?? PDFStructureError.unreadable("empty /Contents")
    }

    static func signerCertificate(_ sid: CMS.SignerIdentifier, in certificates: [Certificate]) -> Certificate? {
        switch sid {
        case .issuerAndSerialNumber(let issuer, let serial):
            certificates.first { $0.issuerNameDER == issuer && $0.serialNumber == serial }
        case .subjectKeyIdentifier(let identifier):
            certificates.first { $0.subjectKeyIdentifier == identifier }
        }
    }

    static func octets(_ values: [ASN1Any]?) -> [UInt8]? {
        guard let values, values.count == 1, let octets = try? ASN1OctetString(asn1Any: values[0]) else { return nil }
        return Array(octets.bytes)
    }

    /// signingCertificateV2 (RFC 5035): when present, its first entry must be the hash of the signer's certificate;
    /// PAdES (`ETSI.CAdES.detached`) requires it.
    static func checkSigningCertificate(_ signer: CMS.SignerInfo, certificate: Certificate, required: Bool, into report: inout DocumentSignatureReport) {
        let title = "signing certificate attribute (signingCertificateV2)"
        guard let value = signer.signedAttribute(CMS.signingCertificateV2Attribute)?.first else {
            if required { report.fail("signing-certificate", title, "a PAdES signature (ETSI.CAdES.detached) must sign signingCertificateV2; it is missing") }
            return
        }
        guard let attribute = try? CMS.SigningCertificateV2(asn1Any: value), let first = attribute.certs.first else {
            report.fail("signing-certificate", title, "signingCertificateV2 is not readable")
            return
        }
        let algorithm: DigestAlgorithm
        switch first.hashAlgorithmOID {
        case CMS.sha256: algorithm = .sha256
        case ObjectIdentifiers.sm3: algorithm = .sm3
        default:
            report.fail("signing-certificate", title, "hash algorithm \(first.hashAlgorithmOID) is neither SHA-256 nor SM3")
            return
        }
        if let hash = try? algorithm.hash(certificate.derEncoded), hash == Array(first.certHash.bytes) {
            report.pass("signing-certificate", title, "names the signer's certificate by its \(algorithm.rawValue.uppercased())")
        } else {
            report.fail("signing-certificate", title, "names another certificate than the signer's: the signature could be attributed to a different certificate")
        }
    }

    static func signingTime(_ signer: CMS.SignerInfo) -> Date? {
        guard let value = signer.signedAttribute(CMS.signingTimeAttribute)?.first else { return nil }
        if let utc = try? UTCTime(asn1Any: value) { return SESTime.date(utc) }
        if let generalized = try? GeneralizedTime(asn1Any: value) { return SESTime.date(generalized) }
        return nil
    }

    /// The widget's rectangle in millimetres from the top-left corner of the page's visible box (/CropBox, else
    /// /MediaBox), for an unrotated page at the default user unit.
    static func appearance(field: PDFSignatureField, page: Int, rect: [Double], pageBox: [Double]) -> StampAppearance {
        let pointsToMM = 25.4 / 72
        let left = min(rect[0], rect[2]), top = max(rect[1], rect[3])
        let pageLeft = min(pageBox[0], pageBox[2]), pageTop = max(pageBox[1], pageBox[3])
        let box = MillimetreBox(
            x: (left - pageLeft) * pointsToMM, y: (pageTop - top) * pointsToMM, width: abs(rect[2] - rect[0]) * pointsToMM,
            height: abs(rect[3] - rect[1]) * pointsToMM)
        return StampAppearance(id: field.name, page: page, pageID: field.field.map { "\($0)" } ?? "", boundary: box, clip: nil)
    }
}
