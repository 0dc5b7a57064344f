public import SealSES

extension DocumentVerificationReport {
    /// A detached signature (`signatureName`, the .ses beside `document`) verified as `ses`, as a document report:
    /// one signature with its seal, signer and time, and the SES checks — so a detached signature is shown the way an
    /// OFD's or a PDF's signatures are.
    public static func detached(
        document: String, documentSM3: String, signatureName: String, signature: ElectronicSignature, signer: String?,
        ses: VerificationReport
    ) -> DocumentVerificationReport {
        let report = DocumentSignatureReport(
            id: signatureName, location: signatureName, kind: .seal, signer: signer, seal: SealIdentity(signature.seal),
            signingTime: signature.signingTime, sesVersion: signature.version.rawValue, ses: ses, deviations: ses.deviations.map { "\($0)" })
        return DocumentVerificationReport(
            format: .detached, document: document, documentSM3: documentSM3, evaluatedAt: ses.evaluatedAt, signatures: [report])
    }
}
