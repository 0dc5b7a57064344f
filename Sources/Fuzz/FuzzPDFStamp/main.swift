// libFuzzer harness: PDF stamping, as `use sign DOC.pdf` will stamp a document it was given: `PDFFile` over the
// reader's limits, then `PDFStamp.prepare` with a keyword (poppler's text layout of the input), a riding and a fixed
// position placement (page geometry, the incremental revision), and for the position stamp a real SES_Signature, the
// CMS with the holder's SM2 key, `signed(...)` (the read-back self-check) and the verifier on the result, later
// revisions compared with the document as signed. The seal, its maker and holder (self-signed SM2 certificates) are
// made once at start-up.
import FuzzSupport
import Foundation
import SealCrypto
import SealDocument
import SealPDF
import SealSES

/// The seal, its picture's planes and the holder key, made once.
enum Fixed {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    /// A 1×1 transparent pixel, the smallest picture: RGB and alpha planes, zlib streams.
    static let image = PDFSignatureRevision.Image(
        width: 1, height: 1, rgbFlate: Hex.decode("789c636060000000030001") ?? [], alphaFlate: Hex.decode("789c63000000010001") ?? [])
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
    static let verifier = PDFVerifier(trust: .noTrustCheck, at: signingTime)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPDFStamp(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let material = Fixed.material
    guard let file = try? PDFFile(Fuzz.bytes(data, size), name: "document.pdf") else { return 0 }
    func prepare(_ placement: StampPlacement) -> PDFStamp? {
        try? PDFStamp.prepare(
            file, name: "document.pdf", seal: material.seal, image: Fixed.image, placement: placement, signer: material.certificate, chain: [],
            subFilter: .adbePKCS7Detached, signingTime: Fixed.signingTime)
    }
    for placement in [StampPlacement.keyword(text: "的", occurrence: 1), .keyword(text: "Seal", occurrence: 2), .riding(edge: .bottom)] {
        _ = prepare(placement)?.placementDescription
    }
    guard let stamp = prepare(.position(page: 1, x: 30, y: 30)) else { return 0 }
    guard let signature = try? SignatureMaker.sign(
        dataHash: stamp.dataHash, documentName: stamp.fieldName, seal: material.seal, holderKey: material.key,
        holderCertificate: material.certificate, signingTime: stamp.signingTime)
    else { Fuzz.fail("the SES_Signature over a prepared stamp could not be made") }
    guard let stamped = try? stamp.signed(signature, signer: material.key, certificate: material.certificate, chain: []) else { return 0 }
    _ = try? Fixed.verifier.verify(stamped, name: "stamped.pdf")
    return 0
}

Fuzz.run(fuzzPDFStamp)
