import Foundation
import SealCrypto

/// What the CLI prints about a certificate (JSON and table).
struct CertificateSummary: Encodable {
    var subject: String
    var issuer: String
    var serialNumber: String
    var notBefore: Date
    var notAfter: Date
    var keyAlgorithm: String
    var signatureAlgorithm: String
    var isCA: Bool
    var keyUsage: [String]
    var sm3Fingerprint: String
    var path: String?

    init(_ certificate: Certificate, path: String? = nil) {
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

    var rows: [(String, String)] {
        var rows = [
            ("subject", subject), ("issuer", issuer), ("serial", serialNumber),
            ("valid from", Output.date(notBefore)), ("valid until", Output.date(notAfter)),
            ("key", keyAlgorithm), ("signature", signatureAlgorithm), ("CA", isCA ? "yes" : "no"),
            ("key usage", keyUsage.joined(separator: ", ")), ("SM3 fingerprint", sm3Fingerprint),
        ]
        if let path { rows.append(("file", path)) }
        return rows
    }
}
