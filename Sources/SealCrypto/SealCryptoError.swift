/// Errors from the crypto core. Each case names the problem and the value that failed.
public enum SealCryptoError: Error, Equatable, Sendable {
    /// An OpenSSL call failed; `operation` names it and `errors` is the drained OpenSSL error queue.
    case openSSL(operation: String, errors: OpenSSLErrorStack)
    /// The passphrase does not decrypt the key.
    case wrongPassphrase
    /// The key file ends before the DER structure it starts does.
    case truncatedKeyFile(declaredLength: Int, actualLength: Int)
    /// The bytes are not an encrypted PKCS#8 private key; `reason` says what was found instead.
    case notAnEncryptedPrivateKey(reason: String)
    /// The bytes are an unencrypted private key, which SealStation refuses to read from or write to files.
    case unencryptedPrivateKeyFile
    /// The encrypted key uses a scheme other than PBES2, or a cipher/KDF this build cannot use.
    case unsupportedKeyEncryption(String)
    /// Key encryption asked for fewer PBKDF2 iterations than the station's floor.
    case keyDerivationTooWeak(iterations: Int, minimum: Int)
    /// A key file asks for more PBKDF2 iterations than are accepted (`KeyEncryption.maximumIterations`), or for
    /// none: refused before any work, so a hostile file cannot stall the station. `iterations` is the value as read.
    case tooManyIterations(iterations: String, maximum: Int)
    /// Key derivation parameters read from a file (scrypt N, r, p; a key length) are out of the accepted range.
    case keyDerivationOutOfRange(String)
    /// An input is larger than the operation can take.
    case inputTooLarge(what: String, bytes: Int, limit: Int)
    /// The key is of an algorithm SealStation does not use (only SM2 and ECDSA P-256 are supported).
    case unsupportedKeyAlgorithm(String)
    /// The bytes are not a SubjectPublicKeyInfo, or its point is not on the curve.
    case malformedPublicKey(reason: String)
    /// The bytes are not an unencrypted PKCS#8 PrivateKeyInfo.
    case malformedPrivateKey(reason: String)
    /// The bytes are not a DER (or PEM) X.509 certificate.
    case malformedCertificate(reason: String)
    /// The bytes are not a DER (or PEM) PKCS#10 certification request.
    case malformedCertificationRequest(reason: String)
    /// The bytes are not a DER (or PEM) X.509 CRL.
    case malformedCRL(reason: String)
    /// A CRL cannot be issued as asked.
    case invalidCRL(reason: String)
    /// A distinguished name could not be parsed or has an attribute OpenSSL does not know.
    case invalidDistinguishedName(reason: String)
    /// A signature value is neither DER SEQUENCE{r, s} nor raw r‖s of the expected size.
    case invalidSignatureEncoding(reason: String)
    /// The signature algorithm is not one SealStation can check (SM2-with-SM3, ECDSA-with-SHA256).
    case unsupportedSignatureAlgorithm(oid: String)
    /// The key's algorithm does not match the algorithm the operation asked for.
    case keyAlgorithmMismatch(expected: String, actual: String)
    /// A requested validity window is empty or reversed.
    case invalidValidity(reason: String)
    /// A certificate serial number is not a positive integer of at most 20 bytes (RFC 5280 §4.1.2.2).
    case invalidSerialNumber(byteCount: Int)
    /// The private key given to sign a certificate is not the key of the issuer certificate.
    case issuerKeyDoesNotMatchIssuerCertificate
    /// The decrypted private scalar does not produce the public point stored with it: the key file is damaged.
    case inconsistentPrivateKey
    /// The private key is not the private half of the public key it is used for (SM3 fingerprint prefixes).
    case privateKeyDoesNotMatch(expectedSM3: String, actualSM3: String)
    /// A signature just made does not verify with the signer's public key; `made` says what was being signed. Nothing
    /// signed with it was kept.
    case signatureDoesNotVerify(made: String)
}

extension SealCryptoError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .openSSL(let operation, let errors):
            let words = "the cryptographic library failed \(Self.activity(operation))"
            return ParseProblem.showsLibraryDetail ? "\(words) [OpenSSL \(operation): \(errors)]" : words
        case .wrongPassphrase:
            return "wrong passphrase: it does not decrypt this key"
        case .truncatedKeyFile(let declared, let actual):
            return "the key file is truncated: its DER header declares \(declared) bytes but only \(actual) are present"
        case .notAnEncryptedPrivateKey(let reason):
            return "not an encrypted private key (PKCS#8 EncryptedPrivateKeyInfo): \(reason)"
        case .unencryptedPrivateKeyFile:
            return "the key file holds an unencrypted private key; SealStation only reads encrypted PKCS#8 "
                + "(encrypt it with: openssl pkcs8 -topk8 -v2 aes-256-cbc -iter 600000 -outform DER)"
        case .unsupportedKeyEncryption(let detail):
            return "unsupported key encryption: \(detail)"
        case .keyDerivationTooWeak(let iterations, let minimum):
            return "PBKDF2 with \(iterations) iterations is too weak; at least \(minimum) are required"
        case .tooManyIterations(let iterations, let maximum):
            return "the key file asks for \(iterations) PBKDF2 iterations; 1 to \(maximum) are accepted (the file is damaged or hostile)"
        case .keyDerivationOutOfRange(let detail):
            return "the key derivation parameters are out of range: \(detail) (the file is damaged or hostile)"
        case .inputTooLarge(let what, let bytes, let limit):
            return "\(what) is \(bytes) bytes; at most \(limit) can be processed"
        case .unsupportedKeyAlgorithm(let name):
            return "key algorithm \(name) is not supported (SealStation uses SM2 and ECDSA P-256)"
        case .malformedPublicKey(let reason):
            return "malformed public key (SubjectPublicKeyInfo): \(reason)"
        case .malformedPrivateKey(let reason):
            return "malformed private key (PKCS#8 PrivateKeyInfo): \(reason)"
        case .malformedCertificate(let reason):
            return "malformed certificate: \(reason)"
        case .malformedCertificationRequest(let reason):
            return "malformed certification request (PKCS#10): \(reason)"
        case .malformedCRL(let reason):
            return "malformed certificate revocation list (CRL): \(reason)"
        case .invalidCRL(let reason):
            return "cannot issue the CRL: \(reason)"
        case .invalidDistinguishedName(let reason):
            return "invalid distinguished name: \(reason)"
        case .invalidSignatureEncoding(let reason):
            return "invalid signature encoding: \(reason)"
        case .unsupportedSignatureAlgorithm(let oid):
            return "signature algorithm \(oid) is not supported (SM2-with-SM3 1.2.156.10197.1.501 or "
                + "ECDSA-with-SHA256 1.2.840.10045.4.3.2)"
        case .keyAlgorithmMismatch(let expected, let actual):
            return "key algorithm mismatch: expected \(expected), got \(actual)"
        case .invalidValidity(let reason):
            return "invalid validity: \(reason)"
        case .invalidSerialNumber(let byteCount):
            return "a certificate serial number must be positive and 1 to 20 bytes long, got \(byteCount) bytes"
        case .issuerKeyDoesNotMatchIssuerCertificate:
            return "the signing key is not the key of the issuer certificate"
        case .inconsistentPrivateKey:
            return "the decrypted private key does not match the public key stored with it: the key file is damaged"
        case .privateKeyDoesNotMatch(let expected, let actual):
            return "the private key (public key SM3 \(actual)…) is not the key of public key SM3 \(expected)…"
        case .signatureDoesNotVerify(let made):
            return "\(made) just made does not verify with the signer's public key (a damaged key or a faulty signer); "
                + "nothing signed with it was kept"
        }
    }
}

extension SealCryptoError {
    /// What an OpenSSL call was doing, in words (the C function's name is kept for debug mode).
    static func activity(_ operation: String) -> String {
        let prefixes: [(String, String)] = [
            ("EVP_PBE_scrypt", "to derive a key from the passphrase (scrypt)"),
            ("PKCS5_PBKDF2", "to derive a key from the passphrase (PBKDF2)"),
            ("PKCS8", "to encrypt or decrypt the private key"), ("EVP_PKEY2PKCS8", "to encrypt or decrypt the private key"),
            ("i2d_PKCS8", "to encode the private key"), ("X509_REQ", "to build the certification request"),
            ("X509_sign", "to sign the certificate"), ("X509V3", "to add a certificate extension"), ("X509", "to build the certificate"),
            ("ASN1_TIME", "to set a certificate date"), ("BN_", "to convert a number"), ("EVP_Digest", "to compute a digest"),
            ("EVP_MD", "to compute a digest"), ("EVP_CIPHER", "to encrypt or decrypt"), ("EVP_PKEY", "to make or use a key"),
            ("prime256v1", "to make or use a key"), ("BIO", "to buffer data"),
        ]
        return prefixes.first { operation.hasPrefix($0.0) }?.1 ?? "(run with --debug for the library's own message)"
    }
}
