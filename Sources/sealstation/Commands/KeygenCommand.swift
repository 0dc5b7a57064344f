public import ArgumentParser
import Foundation
public import SealCrypto
import SealPKI

extension KeyAlgorithm: ExpressibleByArgument {}
extension KeyEncryption.Cipher: ExpressibleByArgument {}

/// `sealstation keygen`: a new key pair, the private key encrypted at rest.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Generate an SM2 (or ECDSA P-256) key pair into an encrypted PKCS#8 file.",
        discussion: """
            The private key is written only encrypted (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC or SM4-CBC), mode 0600; `openssl pkcs8 -inform DER` opens it with the passphrase. The public key goes beside it as DER SubjectPublicKeyInfo. Existing files are never overwritten.

            Example:
              sealstation keygen --alg sm2 --out maker.p8 --passphrase-file maker.pass
            """)

    @Option(help: "Key algorithm: sm2, or p256 for tokens without SM2.")
    var alg: KeyAlgorithm = .sm2

    @Option(help: ArgumentHelp("The encrypted private key file to create.", valueName: "KEY.p8"))
    var out: String

    @Option(name: .customLong("pub-out"), help: ArgumentHelp("The public key file (default: KEY.pub.der).", valueName: "FILE"))
    var publicKeyOut: String?

    @Option(help: "Cipher for the key file: aes-256-cbc or sm4-cbc.")
    var cipher: KeyEncryption.Cipher = .aes256CBC

    @Option(help: "PBKDF2 iterations (at least 200000).")
    var iterations: Int = KeyEncryption.defaultIterations

    @OptionGroup var passphrase: PassphraseOptions

    @Flag(help: "Print the result as JSON.")
    var json = false

    struct Result: Encodable {
        var algorithm: KeyAlgorithm
        var keyFile: String
        var publicKeyFile: String
        var publicKeyFingerprintSM3: String
        var protection: KeyFileProtection
    }

    func validate() throws {
        guard iterations >= KeyEncryption.minimumIterations else {
            throw ValidationError("--iterations must be at least \(KeyEncryption.minimumIterations)")
        }
    }

    func run() throws {
        let publicPath = publicKeyOut ?? Self.defaultPublicKeyPath(for: out)
        for path in [out, publicPath] where FileManager.default.fileExists(atPath: path) {
            throw SealPKIError.fileExists(path: path)
        }
        let secret = try passphrase.new(for: out)
        // The key and its public key appear together or not at all; both places are checked again as they are staged.
        let staged = try StagedFiles(destinations: [out, publicPath])
        let key = try PrivateKey.generate(alg)
        let file = try key.encryptedPKCS8(passphrase: secret, encryption: KeyEncryption(cipher: cipher, iterations: iterations))
        try staged.write(file, to: out, mode: ProtectedFile.secretMode)
        try staged.write(key.publicKey.derEncoded, to: publicPath, mode: ProtectedFile.publicMode)
        try staged.commit()
        let result = Result(
            algorithm: alg, keyFile: out, publicKeyFile: publicPath,
            publicKeyFingerprintSM3: Hex.encode(key.publicKey.fingerprint), protection: try KeyFileProtection(keyFile: file))
        try Output.emit(result, json: json) {
            [
                ("algorithm", alg.displayName), ("private key", "\(out) (encrypted, 0600)"), ("public key", publicPath),
                ("SM3 fingerprint", result.publicKeyFingerprintSM3),
                ("protection", "\(result.protection.scheme) \(result.protection.keyDerivation) "
                    + "\(result.protection.iterations ?? 0) iterations, \(result.protection.cipher)"),
            ]
        }
    }

    /// `maker.p8` → `maker.pub.der`.
    static func defaultPublicKeyPath(for keyPath: String) -> String {
        let stem = keyPath.hasSuffix(".p8") ? String(keyPath.dropLast(3)) : keyPath
        return stem + ".pub.der"
    }
}
