public import Foundation
public import SealCrypto
public import SealDocument
public import SealPKI
public import SealSES

/// Verifies every signature of a stamped OFD document (验章, GB/T 33190 §18 with GB/T 38540 SES_Signature): for each
/// signature of the first DocBody, the Signature.xml (read leniently, deviations named), the digest of every file it
/// protects, the seal file, the visible appearances, and the SES_Signature through ``SignatureVerifier`` with the
/// exact Signature.xml bytes as the signed document; and what each signature leaves unprotected. Unlike ofdrw it goes on
/// after a failed signature, so every signature has its verdict.
public struct OFDVerifier: Sendable {
    /// What certificates must chain to.
    public var trust: TrustPolicy
    /// Intermediate CA certificates that may complete chains.
    public var intermediates: [Certificate]
    /// The CRLs certificates are looked up in, or nil for no revocation checks; with ``at``, their staleness is judged at
    /// that time.
    public var revocation: RevocationChecker?
    /// The evaluation time (revocation, and validity of signatures that carry no time); nil for the time of each
    /// verification.
    public var at: Date?
    /// Limits for reading the package.
    public var limits: OFDPackageLimits

    public init(
        trust: TrustPolicy, intermediates: [Certificate] = [], revocation: RevocationChecker? = nil, at: Date? = nil,
        limits: OFDPackageLimits = .init()
    ) {
        self.trust = trust
        self.intermediates = intermediates
        self.revocation = revocation
        self.at = at
        self.limits = limits
    }

    /// ``revocation`` judging CRL staleness at ``at`` when one is given (the CRLs are looked up at the signing time).
    private var revocationChecker: RevocationChecker? {
        guard let revocation, let at else { return revocation }
        return RevocationChecker(crls: revocation.crls, requireCRL: revocation.requireCRL, now: at)
    }

    /// Verifies the OFD file at `given` (a symbolic link is followed to the file it names).
    /// - Throws: ``OFDPackageError`` when the file is not a readable OFD package; a package whose structure or
    ///   signatures fail gives a report that is not valid, naming the problem.
    public func verify(contentsOf given: URL) throws -> DocumentVerificationReport {
        let bytes = try DocumentFile.contents(
            of: given, limit: limits.archiveBytes, unreadable: { OFDPackageError.unreadable($0) },
            tooLarge: { OFDPackageError.archiveTooLarge(bytes: $0, limit: limits.archiveBytes) })
        return try verify(bytes, name: given.lastPathComponent)
    }

    /// Verifies the OFD document `bytes`; `name` is its file name in the report and in messages.
    /// - Throws: ``OFDPackageError`` when the bytes are not a readable OFD package (not a ZIP, hostile paths or
    ///   sizes); a package whose structure or signatures fail gives a report that is not valid, naming the problem.
    public func verify(_ bytes: [UInt8], name: String) throws -> DocumentVerificationReport {
        let time = at ?? Date()
        let package = try OFDPackage(data: Data(bytes), name: name, limits: limits)
        let digest = (try? SM3.hash(bytes)).map { Hex.encode($0) } ?? ""
        var report = DocumentVerificationReport(format: .ofd, document: name, documentSM3: digest, evaluatedAt: time)
        // A package that opens but whose OFD.xml, Document.xml or Signatures.xml no longer reads (changed after
        // signing, or never right) is a document that does not verify, named as such, not a file that cannot be read.
        let file: OFDFile
        do {
            file = try OFDFile(package, limits: limits)
        } catch let error as OFDXMLError {
            report.problems.append("the document's structure cannot be read: \(error)")
            return report
        } catch let error as OFDStructureError {
            report.problems.append("the document's structure cannot be read: \(error)")
            return report
        }
        guard let body = file.bodies.first else {
            report.problems.append("the document has no DocBody")
            return report
        }
        if file.bodies.count > 1 {
            report.warnings.append(DocumentWarning(
                signatureID: nil,
                message: "OFD.xml has \(file.bodies.count) DocBody elements; only the first (\(body.docBody.docRoot.path)) is verified, as readers show it"))
        }
        guard let list = body.signatures, !list.signatures.isEmpty else {
            report.problems.append("the document has no signature")
            return report
        }
        let usage = OFDFileUsage(package, documentPath: body.document.path, limits: limits)
        for (path, user) in usage.missing {
            report.warnings.append(DocumentWarning(
                signatureID: nil, message: "/\(user) refers to /\(path), which is not in the package (member paths are case-sensitive)"))
        }
        var context = OFDSignatureContext(
            package: package, document: body.document, list: list, usage: usage, limits: limits, time: time,
            verifier: SignatureVerifier(trust: trust, intermediates: intermediates, revocation: revocationChecker))
        for index in list.signatures.indices {
            let (signature, warnings) = context.verify(index)
            report.signatures.append(signature)
            report.warnings += warnings
        }
        return report
    }
}
