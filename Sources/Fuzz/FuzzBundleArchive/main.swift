// libFuzzer harness: bundle archive reading (ZIP), as `bundle verify` and `sealfiling import` read a bundle file:
// `BundleArchive.load` (size limit) then `readMembers` (every member check) and `isCanonical` (byte-for-byte form).
import FuzzSupport
import Foundation
import SealBundle

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBundleArchive(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let url = Fuzz.file("bundle.zip", Fuzz.bytes(data, size))
    guard let loaded = try? BundleArchive.load(url) else { return 0 }
    _ = try? BundleArchive.readForInspection(data: loaded, archiveURL: url, name: "bundle.zip")
    return 0
}

Fuzz.run(fuzzBundleArchive)
