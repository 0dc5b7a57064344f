public import SealCrypto

/// The receiving authority's key that opens encrypted bundles: its SM2 private key and the encryption certificate the
/// stations encrypt to. The key is checked against the certificate's public key when this is made, before any use.
public struct BundleDecryption: Sendable {
    public let key: PrivateKey
    public let certificate: Certificate

    /// - Throws: `BundleEnvelopeError.recipientNotSM2`, `.keyDoesNotMatchCertificate`.
    public init(key: PrivateKey, certificate: Certificate) throws {
        guard certificate.publicKey.algorithm == .sm2 else {
            throw BundleEnvelopeError.recipientNotSM2(certificate.publicKey.algorithm.displayName)
        }
        do {
            try key.checkBelongs(to: certificate.publicKey)
        } catch {
            throw BundleEnvelopeError.keyDoesNotMatchCertificate(EnvelopeRecipient(certificate: certificate))
        }
        self.key = key
        self.certificate = certificate
    }

    /// The recipient as envelopes name it.
    public var recipient: EnvelopeRecipient { EnvelopeRecipient(certificate: certificate) }
}
