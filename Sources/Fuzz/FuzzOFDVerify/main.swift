// libFuzzer harness: OFD verification, as `verify DOC.ofd --no-trust-check` runs it on a document from anywhere:
// `OFDVerifier.verify(_:name:)` over the package guards, the structure, every Signature.xml, the references, the
// appearances and every SES_Signature. It must return a report or throw a typed error, never trap.
import FuzzSupport
import Foundation
import SealOFD
import SealSES

let verifier = OFDVerifier(trust: .noTrustCheck, at: Date(timeIntervalSince1970: 1_600_000_000))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOFDVerify(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = try? verifier.verify(Fuzz.bytes(data, size), name: "document.ofd")
    return 0
}

Fuzz.run(fuzzOFDVerify)
