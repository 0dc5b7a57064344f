public import Foundation
import FuzzSupport
public import SealCrypto
public import SealSES

/// The seal the stamping harnesses (OFD, PDF) stamp with, made once at start-up: an SM2 maker and holder with
/// self-signed certificates, and a v4 seal whose picture is a 1×1 transparent PNG.
public enum FuzzSealMaterial {
    /// The creation time of the seal and the certificates.
    public static let now = Date(timeIntervalSince1970: 1_790_000_000)
    /// When the harnesses sign: a day later, inside every validity.
    public static let signingTime = now.addingTimeInterval(86_400)
    /// A 1×1 transparent PNG, the smallest valid seal picture.
    public static let png = Hex.decode(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63b8c3c0f01f00047401dcb8341f320000000049454e44ae426082"
    ) ?? []

    /// The seal, the holder key and the holder certificate.
    public static let material: (seal: ElectronicSeal, key: PrivateKey, certificate: Certificate) = {
        do {
            let makerKey = try PrivateKey.generate(.sm2)
            let holderKey = try PrivateKey.generate(.sm2)
            let holder = try certificate("/C=CN/O=Fuzz/CN=holder", key: holderKey)
            let request = SealMakingRequest(
                esID: "11010800000001", type: .unit, name: "Fuzz seal", holders: [holder], createDate: now, validStart: now,
                validEnd: now.addingTimeInterval(300 * 86_400), picture: SealPicture(type: "PNG", data: png, widthMM: 40, heightMM: 40))
            let seal = try SealMaker.make(request, makerKey: makerKey, makerCertificate: try certificate("/C=CN/O=Fuzz/CN=maker", key: makerKey))
            return (seal, holderKey, holder)
        } catch {
            Fuzz.fail("cannot make the seal: \(error)")
        }
    }()

    /// A self-signed end-entity certificate of `key`.
    static func certificate(_ subject: String, key: PrivateKey) throws -> Certificate {
        let template = CertificateTemplate(
            subject: try DistinguishedName(parsing: subject), serialNumber: try CertificateTemplate.randomSerialNumber(), notBefore: now,
            notAfter: now.addingTimeInterval(365 * 86_400), basicConstraints: .endEntity, keyUsage: [.digitalSignature, .nonRepudiation])
        return try Certificate.issue(template, subjectKey: key.publicKey, issuer: nil, issuerKey: key)
    }
}
