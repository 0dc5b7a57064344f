public import SealDocument
public import SealSES

/// What `POST /v1/verify` answers: the verification report — the one `sealstation verify --json` prints for a
/// signature, an OFD or a PDF, or the SES checks of a bare seal — and the filing status of every seal it contains.
public struct VerifyResult: Codable, Sendable {
    /// What was sent.
    public var kind: VerifySubmission.Kind
    /// Whether the verification passed (every signature and check; the filing status is not part of it).
    public var isValid: Bool
    /// The report of a signature, an OFD or a PDF.
    public var document: DocumentVerificationReport?
    /// The report of a bare seal.
    public var seal: VerificationReport?
    /// Every seal found, in document order, with what the filing registry says about it.
    public var seals: [SealFilingStatus]
}
