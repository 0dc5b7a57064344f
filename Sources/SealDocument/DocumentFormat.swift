/// The kind of document a seal is stamped on or a verification report is about.
public enum DocumentFormat: String, Sendable, Codable, CaseIterable {
    /// GB/T 33190 OFD: the signature lives in the package (Doc_N/Signs/Sign_K/).
    case ofd
    /// PDF (ISO 32000): the signature lives in an incremental revision.
    case pdf
    /// Any file with a detached GB/T 38540 SES_Signature (.ses) beside it.
    case detached
}
