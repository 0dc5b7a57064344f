public import Foundation
public import SealCrypto

/// A receiving authority's SM2 encryption certificate (self-signed, keyEncipherment), as the filing authority would
/// hand one to the stations that send it encrypted bundles.
public enum RecipientFixture {
    /// A fresh key and its certificate; `serialNumber` fixed when a test needs two certificates with one name.
    public static func make(
        _ subject: String = "/C=CN/O=某省公安厅/CN=电子印章备案中心（加密）", serialNumber: [UInt8]? = nil, now: Date = StationFixture.now
    ) throws -> (PrivateKey, Certificate) {
        let key = try PrivateKey.generate(.sm2)
        let template = CertificateTemplate(
            subject: try DistinguishedName(parsing: subject), serialNumber: try serialNumber ?? CertificateTemplate.randomSerialNumber(),
            notBefore: now.addingTimeInterval(-86_400), notAfter: now.addingTimeInterval(365 * 86_400), basicConstraints: .endEntity,
            keyUsage: [.keyEncipherment, .dataEncipherment])
        return (key, try Certificate.issue(template, subjectKey: key.publicKey, issuer: nil, issuerKey: key))
    }
}
