/// Anything that signs messages for a public key: a software ``PrivateKey``, or a key that stays on a token.
public protocol MessageSigner {
    /// The public key the signatures verify with.
    var publicKey: PublicKey { get }
    /// The algorithm the signatures are made with (its OID goes into signature structures).
    var signatureAlgorithm: SignatureAlgorithm { get }
    /// A DER SEQUENCE{r, s} signature of `message` (SM2 with SM3 and ID 1234567812345678, or ECDSA with SHA-256).
    func signature(for message: [UInt8]) throws -> [UInt8]
}

extension PrivateKey: MessageSigner {
    public func signature(for message: [UInt8]) throws -> [UInt8] {
        try signature(for: message, userID: SM2.defaultUserID)
    }
}
