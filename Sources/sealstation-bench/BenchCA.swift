import Foundation
import SealCrypto

/// A throwaway SM2 root for benches and the end-entity certificates it issues (valid from `notBefore` for a year).
struct BenchCA {
    let key: PrivateKey
    let certificate: Certificate
    let notBefore: Date

    init(subject: String, notBefore: Date) throws {
        self.notBefore = notBefore
        key = try PrivateKey.generate(.sm2)
        certificate = try Certificate.issue(
            try Self.template(subject, notBefore: notBefore, .certificateAuthority(pathLength: 0), [.keyCertSign, .cRLSign]),
            subjectKey: key.publicKey, issuer: nil, issuerKey: key)
    }

    /// An end-entity certificate for signing (digitalSignature, nonRepudiation) for `subjectKey`.
    func issue(_ subject: String, subjectKey: PublicKey) throws -> Certificate {
        try Certificate.issue(
            try Self.template(subject, notBefore: notBefore, .endEntity, [.digitalSignature, .nonRepudiation]),
            subjectKey: subjectKey, issuer: certificate, issuerKey: key)
    }

    private static func template(
        _ subject: String, notBefore: Date, _ constraints: CertificateTemplate.BasicConstraints, _ usage: KeyUsage
    ) throws -> CertificateTemplate {
        CertificateTemplate(
            subject: try DistinguishedName(parsing: subject), serialNumber: try CertificateTemplate.randomSerialNumber(),
            notBefore: notBefore, notAfter: notBefore.addingTimeInterval(86_400 * 366), basicConstraints: constraints, keyUsage: usage)
    }
}
