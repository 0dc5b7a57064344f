// libFuzzer harness: what `POST /v1/verify` makes of an arbitrary body before any verifier runs — the recognition of a
// seal, a signature, an OFD or a PDF by its leading bytes, and the multipart form of a detached signature with its
// document. The first byte picks the content type (even: application/octet-stream; odd: multipart/form-data with the
// boundary "sealfuzzboundary"), the rest is the body. Refusals are APIError values; a trap, a hang or a part longer
// than the body is a finding.
import FuzzSupport
import Foundation
import Hummingbird
import SealFilingService

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVerifyBody(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    guard let first = bytes.first else { return 0 }
    let type = first & 1 == 1 ? "multipart/form-data; boundary=sealfuzzboundary" : "application/octet-stream"
    let body = Array(bytes.dropFirst())
    do {
        switch try VerifySubmission.read(body, contentType: type) {
        case .signature(_, let document, _):
            if let document, document.count > body.count { Fuzz.fail("a document of \(document.count) bytes from a body of \(body.count)") }
        case .ofd(let file), .pdf(let file):
            if file != body { Fuzz.fail("the document is not the body sent") }
        case .seal:
            break
        }
    } catch {
        // A typed refusal: 4xx with a code and a message.
        if !(400..<500).contains(Int(error.status.code)) { Fuzz.fail("refused with \(error)") }
    }
    return 0
}

Fuzz.run(fuzzVerifyBody)
