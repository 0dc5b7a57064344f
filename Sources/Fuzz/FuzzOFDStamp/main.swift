// libFuzzer harness: OFD stamping, as `use sign DOC.ofd` will stamp a document it was given: the package read as
// FuzzOFDPackage does, then `OFDStamp.prepare` with a fixed position, a keyword and a riding placement (page content,
// ST_Box/ST_Array numbers, the existing Signatures.xml and Signature.xml, the in-place edits of OFD.xml and
// Signatures.xml), and for the position stamp a real SM2 signature and `package(signedValue:)` (ZIP writing and the
// read-back self-check). The seal, its maker and holder (self-signed SM2 certificates) are made once at start-up.
import FuzzSealMaterial
import FuzzSupport
import Foundation
import SealDocument
import SealOFD
import SealSES

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOFDStamp(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let material = FuzzSealMaterial.material
    let url = Fuzz.file("document.ofd", Fuzz.bytes(data, size))
    guard let package = try? OFDPackage(contentsOf: url), let document = try? OFDFile(package) else { return 0 }
    for placement in [StampPlacement.keyword(text: "的", occurrence: 1), .riding(edge: .right)] {
        _ = try? OFDStamp.prepare(document, seal: material.seal, placement: placement, signingTime: FuzzSealMaterial.signingTime).placementDescription
    }
    guard let stamp = try? OFDStamp.prepare(
        document, seal: material.seal, placement: .position(page: 1, x: 105, y: 148.5), signingTime: FuzzSealMaterial.signingTime)
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
