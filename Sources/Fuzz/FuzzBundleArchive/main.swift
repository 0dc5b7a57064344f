// libFuzzer harness: bundle archive reading (ZIP), as `bundle verify` and `sealfiling import` read a bundle file:
// `BundleArchive.readCanonical` (the one-pass reader of canonical files), then, as for a file it does not take,
// `BundleArchive.load` (size limit), `readMembers` (every member check) and `isCanonical` (byte-for-byte form).
import FuzzSupport
import Foundation
import SealBundle

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBundleArchive(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let url = Fuzz.file("bundle.zip", Fuzz.bytes(data, size))
    _ = try? BundleArchive.readCanonical(url)
    guard let loaded = try? BundleArchive.load(url) else { return 0 }
    _ = try? BundleArchive.readForInspection(data: loaded, archiveURL: url, name: "bundle.zip")
    return 0
}

Fuzz.run(fuzzBundleArchive)
