internal import COpenSSL
import SwiftASN1
public import Foundation

/// An X.509 v3 certificate, parsed by OpenSSL, with its signed bytes kept exactly as read.
public final class Certificate: @unchecked Sendable {
    let handle: X509Handle
    let signed: SignedStructure

    /// The DER encoding, exactly as read or as issued.
    public let derEncoded: [UInt8]
    /// The subject name.
    public let subject: DistinguishedName
    /// The issuer name.
    public let issuer: DistinguishedName
    /// The serial number, big-endian unsigned.
    public let serialNumber: [UInt8]
    /// Start of validity.
    public let notBefore: Date
    /// End of validity.
    public let notAfter: Date
    /// The subject public key.
    public let publicKey: PublicKey
    /// The signature algorithm OID of the issuer's signature.
    public let signatureAlgorithmOID: String
    /// basicConstraints cA, false when the extension is absent.
    public let isCertificateAuthority: Bool
    /// basicConstraints pathLenConstraint, when present.
    public let pathLengthConstraint: Int?
    /// Whether a basicConstraints extension is present.
    public let hasBasicConstraints: Bool
    /// keyUsage bits, nil when the extension is absent.
    public let keyUsage: KeyUsage?
    /// subjectKeyIdentifier, when present.
    public let subjectKeyIdentifier: [UInt8]?
    /// authorityKeyIdentifier keyIdentifier, when present.
    public let authorityKeyIdentifier: [UInt8]?
    /// Whether OpenSSL found a critical extension it does not understand (RFC 5280: such a certificate must be
    /// rejected).
    public let hasUnhandledCriticalExtension: Bool
    /// Whether OpenSSL found an extension it could not parse.
    public let hasInvalidExtension: Bool

    /// The DER of the subject Name, as encoded in the certificate.
    public let subjectNameDER: [UInt8]
    /// The DER of the issuer Name, as encoded in the certificate.
    public let issuerNameDER: [UInt8]

    /// Parses a DER certificate; trailing bytes are refused.
    /// - Throws: `.malformedCertificate` naming what is wrong, `.unsupportedKeyAlgorithm` for non-SM2/P-256 keys.
    public init(derEncoded bytes: [UInt8]) throws {
        let root: ASN1Node
        do {
            root = try DER.parse(bytes)
            signed = try SignedStructure(derEncoded: root)
        } catch let error as ASN1Error {
            throw SealCryptoError.malformedCertificate(reason: "not DER of an X.509 certificate: \(ParseProblem.describe(error))")
        }
        guard let pointer = derDecode(bytes, { d2i_X509(nil, $0, $1) }) else {
            throw SealCryptoError.malformedCertificate(reason: OpenSSLErrorStack.refusal("the cryptographic library refused it as malformed"))
        }
        self.handle = X509Handle(takingOwnershipOf: pointer)
        self.derEncoded = bytes
        self.fingerprint = try SM3.hash(bytes)
        guard X509_get_version(pointer) == 2 else {
            throw SealCryptoError.malformedCertificate(reason: "version \(X509_get_version(pointer) + 1), expected v3")
        }
        subject = X509Values.distinguishedName(X509_get_subject_name(pointer))
        issuer = X509Values.distinguishedName(X509_get_issuer_name(pointer))
        subjectNameDER = try X509Values.nameDER(X509_get_subject_name(pointer))
        issuerNameDER = try X509Values.nameDER(X509_get_issuer_name(pointer))
        serialNumber = try X509Values.integerBytes(X509_get0_serialNumber(pointer))
        notBefore = try X509Values.date(X509_get0_notBefore(pointer))
        notAfter = try X509Values.date(X509_get0_notAfter(pointer))
        do {
            publicKey = try PublicKey(derEncoded: Array(signed.subjectPublicKeyInfoBytes(isCertificate: true)))
        } catch let error as ASN1Error {
            throw SealCryptoError.malformedCertificate(reason: "unreadable subject public key: \(ParseProblem.describe(error))")
        }
        signatureAlgorithmOID = signed.signatureAlgorithm.algorithm.description

        let flags = X509_get_extension_flags(pointer)  // also caches the extensions
        hasBasicConstraints = flags & UInt32(EXFLAG_BCONS) != 0
        isCertificateAuthority = flags & UInt32(EXFLAG_CA) != 0
        let pathLength = X509_get_pathlen(pointer)
        pathLengthConstraint = pathLength >= 0 ? Int(pathLength) : nil
        keyUsage = flags & UInt32(EXFLAG_KUSAGE) != 0 ? KeyUsage(rawValue: X509_get_key_usage(pointer) & 0xffff) : nil
        subjectKeyIdentifier = X509Values.bytes(X509_get0_subject_key_id(pointer))
        authorityKeyIdentifier = X509Values.bytes(X509_get0_authority_key_id(pointer))
        hasUnhandledCriticalExtension = flags & UInt32(EXFLAG_CRITICAL) != 0
        hasInvalidExtension = flags & UInt32(EXFLAG_INVALID) != 0
    }

    /// Parses DER or PEM ("CERTIFICATE").
    public convenience init(derOrPEM bytes: [UInt8]) throws {
        let der = try PEMInput.derBytes(bytes, expectedTypes: ["CERTIFICATE"], invalid: {
            SealCryptoError.malformedCertificate(reason: $0)
        }) ?? bytes
        try self.init(derEncoded: der)
    }

    /// Whether the issuer's signature on this certificate verifies under `issuerKey`, over the exact TBSCertificate
    /// bytes read. SM2 signatures use `userID` (default 1234567812345678).
    public func isSignatureValid(under issuerKey: PublicKey, userID: [UInt8] = SM2.defaultUserID) throws -> Bool {
        try signed.isSignatureValid(under: issuerKey, userID: userID)
    }

    /// Whether this certificate's issuer name equals `other`'s subject name (DER comparison).
    public func isIssued(byNameOf other: Certificate) -> Bool { issuerNameDER == other.subjectNameDER }

    /// Whether subject and issuer names are equal.
    public var isSelfIssued: Bool { subjectNameDER == issuerNameDER }

    /// SM3 of the DER certificate.
    public let fingerprint: [UInt8]

    /// PEM text ("CERTIFICATE").
    public var pemEncoded: String { PEMDocument(type: "CERTIFICATE", derBytes: derEncoded).pemString }

    /// The signature algorithm, when it is one SealStation uses.
    public var signatureAlgorithm: SignatureAlgorithm? {
        SignatureAlgorithm(oid: signed.signatureAlgorithm.algorithm)
    }
}

extension Certificate: Hashable {
    public static func == (lhs: Certificate, rhs: Certificate) -> Bool { lhs.derEncoded == rhs.derEncoded }
    public func hash(into hasher: inout Hasher) { hasher.combine(derEncoded) }
}
