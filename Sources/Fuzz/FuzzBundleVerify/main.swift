// libFuzzer harness: a whole filing bundle through the real verifier, as `bundle verify --anchor CA --no-redraw`
// runs it: `BundleVerifier(anchor:).verify(url)` — archive, BagIt manifests, layout and bag-info, the station and
// its SignedData, the audit records and their signed head, every seal — pinned to the fixed trust anchor
// `SEALSTATION_FUZZ_ANCHOR` (the demo station's CA). Images are not redrawn (cairo and FreeType, not the parsers).
import FuzzSupport
import Foundation
import SealBundle
import SealCrypto

enum Fixed {
    static let verifier = BundleVerifier(anchor: Fuzz.certificate(fromEnvironment: "SEALSTATION_FUZZ_ANCHOR"), imageCheck: nil)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBundleVerify(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let outcome = Fixed.verifier.verify(Fuzz.file("bundle.zip", Fuzz.bytes(data, size)))
    _ = (outcome.report.checks.count, outcome.report.seals.count, outcome.bundle?.info, outcome.stationCertificate)
    return 0
}

Fuzz.run(fuzzBundleVerify)
