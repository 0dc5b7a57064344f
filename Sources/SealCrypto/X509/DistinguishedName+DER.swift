internal import COpenSSL

extension DistinguishedName {
    /// Reads a DER X.501 Name (as a CMS IssuerAndSerialNumber carries it), to name a certificate in messages.
    /// - Throws: `.invalidDistinguishedName` when the bytes are not a Name.
    public init(derEncoded bytes: [UInt8]) throws {
        guard let name = derDecode(bytes, { d2i_X509_NAME(nil, $0, $1) }) else {
            throw SealCryptoError.invalidDistinguishedName(reason: OpenSSLErrorStack.refusal("not a DER Name"))
        }
        defer { X509_NAME_free(name) }
        self = X509Values.distinguishedName(name)
    }
}
