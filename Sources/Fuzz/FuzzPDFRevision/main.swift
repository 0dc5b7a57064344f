// libFuzzer harness: preparing a PDF signature revision on a document from anywhere, as 签章 on a PDF will:
// `PDFSignatureRevision.prepare` over the reader's limits, libqpdf, the page and AcroForm edits and the cross-reference
// section, then `filled(with:)` and the verifier reading the result back. It must return or throw a typed error, never
// trap.
import FuzzSupport
import Foundation
import SealPDF
import SealSES

let time = Date(timeIntervalSince1970: 1_600_000_000)
let verifier = PDFVerifier(trust: .noTrustCheck, at: time)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPDFRevision(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    guard let revision = try? PDFSignatureRevision.prepare(
        bytes, name: "document.pdf", fieldName: "签章1", page: 1, rect: [10, 10, 123.3858, 123.3858], image: nil,
        subFilter: "adbe.pkcs7.detached", signingTime: time, reason: "fuzz", contentsCapacity: 64)
    else { return 0 }
    if let filled = try? revision.filled(with: [0x30, 0x03, 0x02, 0x01, 0x00]) {
        _ = try? verifier.verify(filled, name: "stamped.pdf")
    }
    return 0
}

Fuzz.run(fuzzPDFRevision)
