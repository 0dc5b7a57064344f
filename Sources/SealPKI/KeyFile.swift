public import SealCrypto

/// Opening an encrypted key file for the public key it belongs to. AES-CBC has no integrity, so a damaged file can
/// decrypt to another valid-looking key; every key file is therefore checked against its certificate (or the public
/// key file written beside it) before it signs anything.
public enum KeyFile {
    /// Reads and decrypts the key file at `path` and checks it is the private key of `certificate`.
    /// - Parameters:
    ///   - role: whose key it is, for the message ("holder", "station CA", "seal-maker").
    /// - Throws: `SealPKIError.keyFileDoesNotBelong` naming the file and the certificate when the key is damaged or
    ///   another key; `SealCryptoError.wrongPassphrase` and the other key-file errors as the file is read.
    public static func unlock(
        _ path: String, passphrase: SecretBytes, certificate: Certificate, role: String
    ) throws -> PrivateKey {
        try unlock(path, passphrase: passphrase, certificates: [certificate], role: role).key
    }

    /// As ``unlock(_:passphrase:certificate:role:)`` for a key that must belong to one of `certificates` (the holder
    /// certificates a seal lists); returns the key and its certificate.
    public static func unlock(
        _ path: String, passphrase: SecretBytes, certificates: [Certificate], role: String
    ) throws -> (key: PrivateKey, certificate: Certificate) {
        func describe(_ certificate: Certificate) -> String {
            "\(certificate.subject) (SM3 \(Hex.encode(certificate.fingerprint.prefix(8)))…)"
        }
        let owner = certificates.count == 1
            ? "\(role) certificate \(describe(certificates[0]))"
            : "any of the \(certificates.count) \(role) certificates \(certificates.map(describe).joined(separator: "; "))"
        let key = try decrypt(path, passphrase: passphrase, owner: owner, role: role)
        guard let certificate = certificates.first(where: { $0.publicKey == key.publicKey }) else {
            throw SealPKIError.keyFileDoesNotBelong(keyFile: path, owner: owner, role: role)
        }
        try check(key, belongsTo: certificate.publicKey, path: path, owner: owner, role: role)
        return (key, certificate)
    }

    /// Reads and decrypts the key file at `path` and checks it is the private key of `publicKey`, described by
    /// `owner` ("public key file maker.pub.der") in the message.
    public static func unlock(
        _ path: String, passphrase: SecretBytes, publicKey: PublicKey, owner: String, role: String
    ) throws -> PrivateKey {
        let key = try decrypt(path, passphrase: passphrase, owner: owner, role: role)
        try check(key, belongsTo: publicKey, path: path, owner: owner, role: role)
        return key
    }

    private static func decrypt(_ path: String, passphrase: SecretBytes, owner: String, role: String) throws -> PrivateKey {
        let bytes = try ProtectedFile.read(path)
        do {
            return try PrivateKey(encryptedPKCS8: bytes, passphrase: passphrase)
        } catch SealCryptoError.inconsistentPrivateKey {
            throw SealPKIError.keyFileDoesNotBelong(keyFile: path, owner: owner, role: role)
        } catch SealCryptoError.malformedPrivateKey {
            // It decrypted (the padding was right) into something that is not a key: damaged.
            throw SealPKIError.keyFileDoesNotBelong(keyFile: path, owner: owner, role: role)
        }
    }

    private static func check(_ key: PrivateKey, belongsTo publicKey: PublicKey, path: String, owner: String, role: String) throws {
        do {
            try key.checkBelongs(to: publicKey)
        } catch {
            throw SealPKIError.keyFileDoesNotBelong(keyFile: path, owner: owner, role: role)
        }
    }
}
