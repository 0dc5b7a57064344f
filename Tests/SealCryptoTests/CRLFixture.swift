import Foundation
import SealCrypto
import SealTestSupport
import SwiftASN1

/// A real SM2 CA made as the station makes its root (Certificate.issue with the station CA's basicConstraints and
/// keyUsage), holders it issues, and the CRL the CRL tests read: three entries (cessationOfOperation, superseded,
/// keyCompromise with an invalidityDate) and one unspecified, number 7.
struct CRLFixture {
    static let subject = "/C=CN/O=某市公安局/OU=SealStation/CN=某市电子印章站点根CA"
    /// 2026-09-21, fixed so tests are repeatable (as StationFixture.now).
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    let key: PrivateKey
    let certificate: Certificate

    /// A CA named `subject` with keyUsage `usage` (keyCertSign + cRLSign as the station's root has), SM2 unless asked.
    init(subject: String = Self.subject, usage: KeyUsage = [.keyCertSign, .cRLSign], algorithm: KeyAlgorithm = .sm2) throws {
        key = try PrivateKey.generate(algorithm)
        let template = CertificateTemplate(
            subject: try DistinguishedName(parsing: subject), serialNumber: try CertificateTemplate.randomSerialNumber(),
            notBefore: Self.now.addingTimeInterval(-86_400), notAfter: Self.now.addingTimeInterval(20 * 365 * 86_400),
            basicConstraints: .certificateAuthority(pathLength: 0), keyUsage: usage)
        certificate = try Certificate.issue(template, subjectKey: key.publicKey, issuer: nil, issuerKey: key)
    }

    /// A holder certificate issued by this CA.
    func issueHolder(_ subject: String = "/C=CN/O=北京某某科技发展有限公司/CN=合同专用章") throws -> Certificate {
        let holderKey = try PrivateKey.generate(key.algorithm)
        let template = CertificateTemplate(
            subject: try DistinguishedName(parsing: subject), serialNumber: try CertificateTemplate.randomSerialNumber(),
            notBefore: Self.now.addingTimeInterval(-3600), notAfter: Self.now.addingTimeInterval(365 * 86_400),
            basicConstraints: .endEntity, keyUsage: [.digitalSignature, .nonRepudiation])
        return try Certificate.issue(template, subjectKey: holderKey.publicKey, issuer: certificate, issuerKey: key)
    }

    /// Revocation dates with a fraction of a second, which a CRL cannot carry (it keeps whole seconds).
    static let revokedAt = now.addingTimeInterval(-7200.25)
    static let compromisedSince = now.addingTimeInterval(-30 * 86_400 + 0.5)

    /// The four entries of the standard CRL, for the serials given.
    static func entries(_ serials: [[UInt8]]) -> [RevokedCertificate] {
        precondition(serials.count == 4)
        return [
            RevokedCertificate(serialNumber: serials[0], revocationDate: revokedAt, reason: .cessationOfOperation),
            RevokedCertificate(serialNumber: serials[1], revocationDate: revokedAt.addingTimeInterval(60), reason: .superseded),
            RevokedCertificate(
                serialNumber: serials[2], revocationDate: revokedAt.addingTimeInterval(120), reason: .keyCompromise,
                invalidityDate: compromisedSince),
            RevokedCertificate(serialNumber: serials[3], revocationDate: revokedAt.addingTimeInterval(180), reason: .unspecified),
        ]
    }

    /// A CRL by this CA, number 7, window now … now + 7 days (or `nextUpdate`).
    func crl(entries: [RevokedCertificate], nextUpdate: Date? = nil, number: [UInt8] = [7]) throws -> CertificateRevocationList {
        try CertificateRevocationList.issue(
            issuer: certificate, signer: key, number: number, thisUpdate: Self.now.addingTimeInterval(0.9),
            nextUpdate: nextUpdate ?? Self.now.addingTimeInterval(7 * 86_400), entries: entries)
    }

    /// Random 20-byte serial numbers, positive, as the station issues them.
    static func serials(_ count: Int) throws -> [[UInt8]] {
        try (0..<count).map { _ in try CertificateTemplate.randomSerialNumber() }
    }

    /// A date with its fraction of a second dropped, as a CRL stores it.
    static func whole(_ date: Date) -> Date { Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)) }
}
