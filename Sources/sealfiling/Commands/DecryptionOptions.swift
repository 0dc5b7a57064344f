import ArgumentParser
import Foundation
import SealBundle
import SealCrypto
import SealCommandLine
import SealPKI

/// The receiving authority's key for encrypted bundles (`sealstation export --to-recipient`): an encrypted PKCS#8 key
/// file and the encryption certificate it belongs to; the passphrase from a file or a no-echo prompt.
struct DecryptionOptions: ParsableArguments {
    @Option(name: .customLong("decrypt-key"), help: ArgumentHelp("The SM2 key (encrypted PKCS#8) that decrypts encrypted bundles (.zip.p7e).", valueName: "FILE"))
    var decryptKey: String?
    @Option(name: .customLong("decrypt-cert"), help: ArgumentHelp("The encryption certificate of --decrypt-key, the one stations encrypt to.", valueName: "CERT"))
    var decryptCert: String?
    @Option(name: .customLong("decrypt-key-passphrase-file"), help: ArgumentHelp("The passphrase of --decrypt-key (else asked without echo).", valueName: "FILE"))
    var passphraseFile: String?

    func validate() throws {
        if (decryptKey == nil) != (decryptCert == nil) { throw ValidationError("--decrypt-key and --decrypt-cert go together") }
        if passphraseFile != nil, decryptKey == nil { throw ValidationError("--decrypt-key-passphrase-file goes with --decrypt-key") }
    }

    /// The key and certificate, the key checked against the certificate; nil without --decrypt-key.
    func decryption() throws -> BundleDecryption? {
        guard let decryptKey, let decryptCert else { return nil }
        let certificate = try InputFiles.certificate(decryptCert)
        let bytes = try ProtectedFile.readSecret(decryptKey, limit: 64 << 10)
        let passphrase = try passphraseFile.map(SecretSource.firstLine(of:))
            ?? SecretSource.prompt("Passphrase for the decryption key \(decryptKey): ", what: "passphrase for the decryption key \(decryptKey)",
                                   option: "--decrypt-key-passphrase-file")
        let key = try PrivateKey(encryptedPKCS8: bytes, passphrase: passphrase)
        return try BundleDecryption(key: key, certificate: certificate)
    }
}
