import ArgumentParser
import Foundation
import SealCrypto
import SealPKI

/// `sealstation csr`: a PKCS#10 request for a station key, for an external CA.
struct CSRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csr",
        abstract: "Make a PKCS#10 certification request (DER) for a station key.",
        discussion: """
            Signed by the key itself (SM2-with-SM3, ID 1234567812345678, or ECDSA-with-SHA256). Check it with `openssl req -inform DER -in REQ.der -verify -noout -vfyopt distid:1234567812345678`. When the external CA answers, bring its certificate in with `sealstation cert import`.

            Example:
              sealstation csr --key maker.p8 --subject "/C=CN/O=某市公安局/CN=制章人" --out maker.csr.der --passphrase-file maker.pass
            """)

    @Option(help: ArgumentHelp("The encrypted key file.", valueName: "KEY.p8"))
    var key: String

    @Option(help: ArgumentHelp("The requested subject, e.g. \"/C=CN/O=某市公安局/CN=制章人\".", valueName: "DN"))
    var subject: String

    @Option(help: ArgumentHelp("The request file to create (DER).", valueName: "REQ.der"))
    var out: String

    @OptionGroup var passphrase: PassphraseOptions

    @Flag(help: "Print the result as JSON.")
    var json = false

    struct Result: Encodable {
        var subject: String
        var keyAlgorithm: String
        var publicKeyFingerprintSM3: String
        var requestFile: String
    }

    func run() throws {
        let name = try DistinguishedName(parsing: subject)
        if FileManager.default.fileExists(atPath: out) { throw SealPKIError.fileExists(path: out) }
        // A key made by `keygen` has its public key beside it: the decrypted key must be its private half.
        let publicKeyPath = KeygenCommand.defaultPublicKeyPath(for: key)
        let privateKey: PrivateKey
        if FileManager.default.fileExists(atPath: publicKeyPath) {
            privateKey = try KeyFile.unlock(
                key, passphrase: try passphrase.existing(for: key), publicKey: PublicKey(derOrPEM: ProtectedFile.read(publicKeyPath)),
                owner: "public key file \(publicKeyPath)", role: "key pair")
        } else {
            privateKey = try PrivateKey(encryptedPKCS8: ProtectedFile.read(key), passphrase: try passphrase.existing(for: key))
        }
        let request = try CertificationRequest.make(subject: name, key: privateKey)
        try ProtectedFile.write(request.derEncoded, to: out, mode: ProtectedFile.publicMode)
        let result = Result(
            subject: request.subject.description, keyAlgorithm: privateKey.algorithm.rawValue,
            publicKeyFingerprintSM3: Hex.encode(privateKey.publicKey.fingerprint), requestFile: out)
        try Output.emit(result, json: json) {
            [("subject", result.subject), ("key", privateKey.algorithm.displayName),
             ("SM3 fingerprint", result.publicKeyFingerprintSM3), ("request", out)]
        }
    }
}
