import SealSES

extension BundleVerifier {
    /// Stage ``BundleCheck/images``, last: what the seal stage found comparing the filed images with redrawn ones —
    /// skipped without an ``imageCheck`` or when `notComparable` says why none can be compared here, failed when one
    /// differs.
    func checkImages(_ seals: [BundleVerificationReport.SealResult], notComparable: String?) -> VerificationReport.Check {
        let compared = seals.filter { $0.image.status == .match }.count
        let differing = seals.filter { $0.image.status == .differs }.count
        if imageCheck == nil { return BundleCheck.images.skipped("not redrawn (\(imagesSkipped))") }
        if let notComparable { return BundleCheck.images.skipped("not redrawn: \(notComparable)") }
        if compared == 0 && differing == 0 {
            let reason = seals.first { $0.image.status == .notCompared }?.image.detail ?? "no seals"
            return BundleCheck.images.skipped("none redrawn: \(reason)")
        }
        return BundleCheck.images.check(differing == 0 ? .passed : .failed,
                                        "\(compared) redrawn identically" + (differing > 0 ? ", \(differing) differ" : ""))
    }
}
