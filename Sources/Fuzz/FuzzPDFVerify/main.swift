// libFuzzer harness: PDF verification, as `verify DOC.pdf --no-trust-check` runs it on a document from anywhere:
// `PDFVerifier.verify(_:name:)` over the size and object limits, libqpdf's reading, the AcroForm field walk, every
// byte range, the CMS in /Contents and the SES_Signature attribute. It must return a report or throw a typed error,
// never trap.
import FuzzSupport
import Foundation
import SealPDF
import SealSES

let verifier = PDFVerifier(trust: .noTrustCheck, at: Date(timeIntervalSince1970: 1_600_000_000))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPDFVerify(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = try? verifier.verify(Fuzz.bytes(data, size), name: "document.pdf")
    return 0
}

Fuzz.run(fuzzPDFVerify)
