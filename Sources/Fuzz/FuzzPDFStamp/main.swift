// libFuzzer harness: PDF stamping, as `use sign DOC.pdf` will stamp a document it was given: `PDFFile` over the
// reader's limits, then `PDFStamp.prepare` with a keyword (poppler's text layout of the input), a riding and a fixed
// position placement (page geometry, the incremental revision), and for the position stamp a real SES_Signature, the
// CMS with the holder's SM2 key, `signed(...)` (the read-back self-check) and the verifier on the result, later
// revisions compared with the document as signed. The seal, its maker and holder (self-signed SM2 certificates) are
// made once at start-up.
import FuzzSealMaterial
import FuzzSupport
import Foundation
import SealCrypto
import SealDocument
import SealPDF
import SealPDFText
import SealSES

/// The seal picture's planes and the verifier, made once.
enum Fixed {
    /// A 1×1 transparent pixel, the smallest picture: RGB and alpha planes, zlib streams.
    static let image = PDFSignatureRevision.Image(
        width: 1, height: 1, rgbFlate: Hex.decode("789c636060000000030001") ?? [], alphaFlate: Hex.decode("789c63000000010001") ?? [])
    static let verifier = PDFVerifier(trust: .noTrustCheck, at: FuzzSealMaterial.signingTime)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPDFStamp(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let material = FuzzSealMaterial.material
    guard let file = try? PDFFile(Fuzz.bytes(data, size), name: "document.pdf") else { return 0 }
    func prepare(_ placement: StampPlacement) -> PDFStamp? {
        try? PDFStamp.prepare(
            file, name: "document.pdf", seal: material.seal, image: Fixed.image, placement: placement, signer: material.certificate, chain: [],
            subFilter: .adbePKCS7Detached, signingTime: FuzzSealMaterial.signingTime, keywordSearch: PDFTextSearch.Keywords())
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
