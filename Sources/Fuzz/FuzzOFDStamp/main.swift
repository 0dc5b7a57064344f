// libFuzzer harness: OFD stamping, as `use sign DOC.ofd` will stamp a document it was given: the package read as
// FuzzOFDPackage does, then `OFDStamp.prepare` with a fixed position, a keyword and a riding placement (page content,
// ST_Box/ST_Array numbers, the existing Signatures.xml and Signature.xml, the in-place edits of OFD.xml and
// Signatures.xml), and for the position stamp a real SM2 signature and `package(signedValue:)` (ZIP writing and the
// read-back self-check). The seal, its maker and holder (self-signed SM2 certificates) are made once at start-up.
import FuzzSupport
import Foundation
import SealCrypto
import SealDocument
import SealOFD
import SealSES

/// The seal and the holder key, made once.
enum Fixed {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    /// A 1×1 transparent PNG, the smallest valid seal picture.
    static let png = Hex.decode(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63b8c3c0f01f00047401dcb8341f320000000049454e44ae426082"
    ) ?? []

    static func certificate(_ subject: String, key: PrivateKey) throws -> Certificate {
        let template = CertificateTemplate(
            subject: try DistinguishedName(parsing: subject), serialNumber: try CertificateTemplate.randomSerialNumber(), notBefore: now,
            notAfter: now.addingTimeInterval(365 * 86_400), basicConstraints: .endEntity, keyUsage: [.digitalSignature, .nonRepudiation])
        return try Certificate.issue(template, subjectKey: key.publicKey, issuer: nil, issuerKey: key)
    }

    static let material: (seal: ElectronicSeal, key: PrivateKey, certificate: Certificate) = {
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

    static let signingTime = now.addingTimeInterval(86_400)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOFDStamp(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let material = Fixed.material
    let url = Fuzz.file("document.ofd", Fuzz.bytes(data, size))
    guard let package = try? OFDPackage(contentsOf: url), let document = try? OFDFile(package) else { return 0 }
    for placement in [StampPlacement.keyword(text: "的", occurrence: 1), .riding(edge: .right)] {
        _ = try? OFDStamp.prepare(document, seal: material.seal, placement: placement, signingTime: Fixed.signingTime).placementDescription
    }
    guard let stamp = try? OFDStamp.prepare(
        document, seal: material.seal, placement: .position(page: 1, x: 105, y: 148.5), signingTime: Fixed.signingTime)
    else { return 0 }
    _ = stamp.placementDescription
    guard let signature = try? SignatureMaker.sign(
        dataHash: stamp.dataHash, documentName: stamp.signatureXMLPath, seal: material.seal, holderKey: material.key,
        holderCertificate: material.certificate, signingTime: stamp.signingTime)
    else { Fuzz.fail("signing a prepared stamp failed") }
    do {
        _ = try stamp.package(signedValue: signature)
    } catch {
        // A document that prepares must package: anything else is a finding.
        Fuzz.fail("package(signedValue:) failed after prepare succeeded: \(error)")
    }
    return 0
}

Fuzz.run(fuzzOFDStamp)
