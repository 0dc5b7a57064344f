public import Foundation
public import SealCrypto

/// What is shown about an X.509 certificate: its names, serial, validity, key, usage and SM3 fingerprint.
public struct CertificateSummary: Encodable, Sendable, Hashable {
    public var subject: String
    public var issuer: String
    /// The serial number in hex.
    public var serialNumber: String
    public var notBefore: Date
    public var notAfter: Date
    public var keyAlgorithm: String
    /// The signature algorithm's name, or its OID when it has none here.
    public var signatureAlgorithm: String
    public var isCA: Bool
    public var keyUsage: [String]
    /// SM3 of the DER certificate, in hex.
    public var sm3Fingerprint: String
    /// The file the certificate was read from or written to, when there is one.
    public var path: String?

    /// The summary of `certificate`, read from or written to `path` if given.
    public init(_ certificate: Certificate, path: String? = nil) {
        subject = certificate.subject.description
        issuer = certificate.issuer.description
        serialNumber = Hex.encode(certificate.serialNumber)
        notBefore = certificate.notBefore
        notAfter = certificate.notAfter
        keyAlgorithm = certificate.publicKey.algorithm.rawValue
        signatureAlgorithm = certificate.signatureAlgorithm?.rawValue ?? certificate.signatureAlgorithmOID
        isCA = certificate.isCertificateAuthority
        keyUsage = certificate.keyUsage?.names ?? []
        sm3Fingerprint = Hex.encode(certificate.fingerprint)
        self.path = path
    }

    /// Label–value rows for a detail view.
    public var rows: [(String, String)] {
        var rows = [
            ("subject", subject), ("issuer", issuer), ("serial", serialNumber),
            ("valid from", ViewText.date(notBefore)), ("valid until", ViewText.date(notAfter)),
            ("key", keyAlgorithm), ("signature", signatureAlgorithm), ("CA", isCA ? "yes" : "no"),
            ("key usage", keyUsage.joined(separator: ", ")), ("SM3 fingerprint", sm3Fingerprint),
        ]
        if let path { rows.append(("file", path)) }
        return rows
    }
}
