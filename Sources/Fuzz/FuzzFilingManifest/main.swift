// libFuzzer harness: the filing manifest (备案交接单 QR payload), as `manifest check` reads it:
// `FilingManifest(derOrText:)` (DER, hex or Base64 text: what `FilingManifestInput.read` does with all but PNG),
// `verify(stationCA:)` against the fixed trust anchor `SEALSTATION_FUZZ_ANCHOR` (the demo station's CA), and
// `FilingManifestSummary` (what the command prints). PNG inputs take the QR-image path, which the FuzzPNG harness
// covers; they are skipped here.
import FuzzSupport
import Foundation
import SealBundle
import SealCrypto

enum Fixed {
    static let anchor = Fuzz.certificate(fromEnvironment: "SEALSTATION_FUZZ_ANCHOR")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFilingManifest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return 0 }
    guard let manifest = try? FilingManifest(derOrText: bytes) else { return 0 }
    _ = FilingManifestSummary(manifest)
    do {
        try manifest.verify(stationCA: Fixed.anchor)
    } catch {
        _ = "\(error)"
    }
    return 0
}

Fuzz.run(fuzzFilingManifest)
