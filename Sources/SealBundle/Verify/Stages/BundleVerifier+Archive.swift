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
            return archivePassed(members: files.count)
        } catch {
            return BundleCheck.archive.failed("\(error)")
        }
    }

    /// The archive stage passed, for an archive of `members` members.
    static func archivePassed(members: Int) -> VerificationReport.Check {
        BundleCheck.archive.passed("\(members) members, safe paths, canonical form")
    }
}
