/// What the use log records when a use stamps a seal into a document (OFD, PDF) rather than signing it detached:
/// the stamped document's SM3 (the document's own SM3 is the log's `documentSM3`), where the seal appears, and the
/// signature's identifier in the document.
public struct UseStamp: Codable, Sendable, Hashable {
    /// SM3 of the stamped document, lower-case hex.
    public var stampedSM3: String
    /// Where the seal appears, for people ("page 1: 84 229 42 42 mm"; one part per page of a riding seal).
    public var placement: String
    /// The signature's identifier in the document (OFD `Signature@ID`, a PDF field name).
    public var signatureID: String

    public init(stampedSM3: String, placement: String, signatureID: String) {
        self.stampedSM3 = stampedSM3
        self.placement = placement
        self.signatureID = signatureID
    }
}
