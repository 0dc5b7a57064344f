import Foundation
import SealSES

extension BundleVerifier {
    /// Stage ``BundleCheck/archive`` (its first half, reading the members safely, is `BundleArchive.readMembers`): the
    /// archive is in SealStation's canonical form, so its SM3 is the one the station recorded.
    static func checkArchive(_ files: [BagItBag.File], data: Data) -> VerificationReport.Check {
        do {
            guard try BundleArchive.isCanonical(files, data: data) else {
                return BundleCheck.archive.failed("\(BundleArchiveError.notCanonical); its SM3 is not the bundle's the station recorded")
            }
            return BundleCheck.archive.passed("\(files.count) members, safe paths, canonical form")
        } catch {
            return BundleCheck.archive.failed("\(error)")
        }
    }
}
