public import Foundation
public import SealCrypto
public import SealDocument
public import SealPKI
public import SealSES

/// Verifies every signature field of a PDF (验章): the /ByteRange and the /Contents gap, the CMS SignedData in it
/// (PKCS #7 or GB/T 35275 content types; SM3 with SM2, or SHA-256 with ECDSA P-256), the message digest over the byte
/// range, the signer's signature over the signed attributes and the signer's chain, and — for a seal — the GB/T
/// 38540 SES_Signature carried as SealStation's unsigned attribute (``PDFSESAttribute``), with its seal, made over
/// the same bytes. Each signature gets its verdict; one failure does not stop the others.
public struct PDFVerifier: Sendable {
    /// What certificates (the CMS signer's, the seal maker's) must chain to.
    public var trust: TrustPolicy
    /// Intermediate CA certificates that may complete chains (the CMS's own certificates are added to them).
    public var intermediates: [Certificate]
    /// The CRLs certificates are looked up in, or nil for no revocation checks.
    public var revocation: RevocationChecker?
    /// The evaluation time; nil for the time of each verification.
    public var at: Date?
    public var limits: PDFLimits

    public init(
        trust: TrustPolicy, intermediates: [Certificate] = [], revocation: RevocationChecker? = nil, at: Date? = nil,
        limits: PDFLimits = .init()
    ) {
        self.trust = trust
        self.intermediates = intermediates
        self.revocation = revocation
        self.at = at
        self.limits = limits
    }

    /// Verifies the PDF at `given` (a symbolic link is followed to the file it names).
    /// - Throws: ``PDFStructureError`` when the file cannot be read as a PDF.
    public func verify(contentsOf given: URL) throws -> DocumentVerificationReport {
        let bytes = try DocumentFile.contents(
            of: given, limit: limits.fileBytes, unreadable: { PDFStructureError.unreadable($0) },
            tooLarge: { PDFStructureError.tooLarge(bytes: $0, limit: limits.fileBytes) })
        return try verify(bytes, name: given.lastPathComponent)
    }

    /// Verifies the PDF `bytes`, named `name` in the report.
    /// - Throws: ``PDFStructureError`` when the bytes cannot be read as a PDF; signatures that fail give a report that
    ///   is not valid, naming each problem.
    public func verify(_ bytes: [UInt8], name: String) throws -> DocumentVerificationReport {
        let time = at ?? Date()
        let file = try PDFFile(bytes, name: name, limits: limits)
        var report = DocumentVerificationReport(
            format: .pdf, document: name, documentSM3: Hex.encode(try SM3.hash(bytes)), evaluatedAt: time)
        for warning in file.warnings {
            report.warnings.append(DocumentWarning(signatureID: nil, message: "libqpdf: \(warning)"))
        }
        if file.isEncrypted {
            report.problems.append("the PDF is encrypted; its signatures are not verified")
            return report
        }
        guard !file.signatureFields.isEmpty else {
            report.problems.append("the document has no signature")
            return report
        }
        let revocationChecker = revocation.map { revocation in
            at.map { RevocationChecker(crls: revocation.crls, requireCRL: revocation.requireCRL, now: $0) } ?? revocation
        }
        // Later revisions are compared with the document each signature signed.
        var changes: Result<PDFRevisionChanges, PDFStructureError>?
        if file.revisionEnds.count > 1 {
            do {
                changes = .success(try PDFRevisionChanges(final: try QPDFDocument(bytes: bytes, description: name), limits: limits))
            } catch let error as PDFStructureError {
                changes = .failure(error)
            } catch {
                changes = .failure(.unreadable("\(error)"))
            }
        }
        let context = PDFSignatureCheck(
            file: file, limits: limits, time: time, trust: trust, intermediates: intermediates,
            verifier: SignatureVerifier(trust: trust, intermediates: intermediates, revocation: revocationChecker), changes: changes, name: name)
        for field in file.signatureFields {
            report.signatures.append(context.verify(field))
        }
        return report
    }
}
