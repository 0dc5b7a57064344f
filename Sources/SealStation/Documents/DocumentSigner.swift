public import SealCrypto

/// The holder key of one use, as the use gate hands it to a document format whose container is signed as well as
/// the SES_Signature (a PDF's CMS): the key that made the SES_Signature, checked against `certificate` before the
/// gate made it, and the chain the format may carry (the station CA).
public struct DocumentSigner {
    /// The holder key (a decrypted key file or a token key).
    public let key: any MessageSigner
    /// The holder certificate, which the SES_Signature carries.
    public let certificate: Certificate
    /// The certificates above it: the station CA.
    public let chain: [Certificate]

    public init(key: any MessageSigner, certificate: Certificate, chain: [Certificate]) {
        self.key = key
        self.certificate = certificate
        self.chain = chain
    }
}
