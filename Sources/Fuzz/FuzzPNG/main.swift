// libFuzzer harness: PNG reading, as `manifest check`, `bundle verify --qr-manifest` and the station's BundleAssembler read a PNG
// scan: `QRCodeReader.decode(png:)` (the IHDR size check before anything is inflated, the cairo decode, the
// luminance conversion and libzbar).
import FuzzSupport
import SealRender

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPNG(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = try? QRCodeReader.decode(png: Fuzz.bytes(data, size))
    return 0
}

Fuzz.run(fuzzPNG)
