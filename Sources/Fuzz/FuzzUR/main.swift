// libFuzzer harness: UR parts and fountain decoding, as the station's BundleAssembler reads a text file of scanned
// frames (`sealfiling assemble` feeds the same URPartAssembler): `BundleAssembler.add(path)` (one UR part a line:
// Bytewords, CRC-32, CBOR, the fountain decoder), then `bundle()`.
// Inputs starting with the PNG signature take the QR-image path, which the FuzzPNG harness covers; they are skipped
// here so that this harness spends its time in the UR code.
import FuzzSupport
import Foundation
import SealOptical

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzUR(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return 0 }
    var assembler = BundleAssembler()
    do {
        try assembler.add(Fuzz.file("frames.txt", bytes).path)
        _ = (assembler.isComplete, assembler.progress)
        _ = try assembler.bundle()
    } catch {
        _ = "\(error)"
    }
    return 0
}

Fuzz.run(fuzzUR)
