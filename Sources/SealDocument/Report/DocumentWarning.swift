/// Something a verifier noticed that does not make a signature invalid but that a person relying on the document
/// should know, such as a template page that no signature protects.
public struct DocumentWarning: Sendable, Codable, Equatable, Hashable {
    /// The signature the warning is about, or nil for the document as a whole.
    public var signatureID: String?
    /// What was found, naming the file in the package.
    public var message: String

    /// A warning about signature `signatureID` (nil: the document).
    public init(signatureID: String?, message: String) {
        self.signatureID = signatureID
        self.message = message
    }
}
