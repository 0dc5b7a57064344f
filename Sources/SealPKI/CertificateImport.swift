public import SealCrypto

/// Checks for a certificate an external CA returns for one of the station's keys.
public enum CertificateImport {
    /// Throws unless `certificate` certifies `key`'s public key.
    public static func checkMatches(_ certificate: Certificate, key: PrivateKey) throws {
        guard certificate.publicKey == key.publicKey else {
            throw SealPKIError.certificateDoesNotMatchKey(
                certificateKey: Hex.encode(certificate.publicKey.fingerprint.prefix(8)),
                privateKey: Hex.encode(key.publicKey.fingerprint.prefix(8)))
        }
    }
}
