internal import COpenSSL
import SwiftASN1

/// A PKCS#10 certification request (RFC 2986), for station keys certified by an external CA.
public final class CertificationRequest: @unchecked Sendable {
    let signed: SignedStructure

    /// The DER encoding, exactly as read or as made.
    public let derEncoded: [UInt8]
    /// The requested subject.
    public let subject: DistinguishedName
    /// The key to be certified.
    public let publicKey: PublicKey

    /// Makes a CSR for `key` with `subject`, signed by the key itself (SM2 with SM3 and ID 1234567812345678, or
    /// ECDSA with SHA-256). The signature is verified before the request is returned.
    /// - Throws: `.signatureDoesNotVerify` when it does not.
    public static func make(subject: DistinguishedName, key: PrivateKey) throws -> CertificationRequest {
        guard let request = X509_REQ_new() else { throw SealCryptoError.openSSLFailure("X509_REQ_new") }
        defer { X509_REQ_free(request) }
        try check(X509_REQ_set_version(request, 0), "X509_REQ_set_version")
        let name = try X509Values.makeName(subject)
        defer { X509_NAME_free(name) }
        try check(X509_REQ_set_subject_name(request, name), "X509_REQ_set_subject_name")
        try check(X509_REQ_set_pubkey(request, key.backing.pointer), "X509_REQ_set_pubkey")
        try key.backing.withDigestContext(userID: SM2.defaultUserID, verify: false) { context in
            guard X509_REQ_sign_ctx(request, context) > 0 else { throw SealCryptoError.openSSLFailure("X509_REQ_sign_ctx") }
        }
        let made = try CertificationRequest(derEncoded: try derEncode("i2d_X509_REQ") { i2d_X509_REQ(request, $0) })
        guard made.publicKey == key.publicKey, try made.isSelfSignatureValid() else {
            throw SealCryptoError.signatureDoesNotVerify(made: "the certification request signature for \(subject)")
        }
        return made
    }

    /// Parses a DER CSR; trailing bytes are refused.
    public init(derEncoded bytes: [UInt8]) throws {
        do {
            signed = try SignedStructure(derEncoded: try DER.parse(bytes))
        } catch let error as ASN1Error {
            throw SealCryptoError.malformedCertificationRequest(reason: "not DER of a certification request: \(ParseProblem.describe(error))")
        }
        guard let pointer = derDecode(bytes, { d2i_X509_REQ(nil, $0, $1) }) else {
            throw SealCryptoError.malformedCertificationRequest(reason: OpenSSLErrorStack.refusal("the cryptographic library refused it as malformed"))
        }
        defer { X509_REQ_free(pointer) }
        derEncoded = bytes
        subject = X509Values.distinguishedName(X509_REQ_get_subject_name(pointer))
        do {
            publicKey = try PublicKey(derEncoded: Array(signed.subjectPublicKeyInfoBytes(isCertificate: false)))
        } catch let error as ASN1Error {
            throw SealCryptoError.malformedCertificationRequest(reason: "unreadable public key: \(ParseProblem.describe(error))")
        }
    }

    /// Parses DER or PEM ("CERTIFICATE REQUEST").
    public convenience init(derOrPEM bytes: [UInt8]) throws {
        let der = try PEMInput.derBytes(bytes, expectedTypes: ["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"], invalid: {
            SealCryptoError.malformedCertificationRequest(reason: $0)
        }) ?? bytes
        try self.init(derEncoded: der)
    }

    /// Whether the request is signed by the key it asks to certify (proof of possession).
    public func isSelfSignatureValid(userID: [UInt8] = SM2.defaultUserID) throws -> Bool {
        try signed.isSignatureValid(under: publicKey, userID: userID)
    }

    /// PEM text ("CERTIFICATE REQUEST").
    public var pemEncoded: String { PEMDocument(type: "CERTIFICATE REQUEST", derBytes: derEncoded).pemString }
}
