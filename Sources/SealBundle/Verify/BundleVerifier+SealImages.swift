extension BundleVerifier {
    /// How the seal stage compares images: through `check`, or not at all (each seal then reports `skipped`).
    struct SealImages: Sendable {
        var check: (any BundleImageCheck)?
        var rendering: RenderingProvenance
        var skipped: BundleVerificationReport.ImageComparison

        func compare(_ entry: FilingBundle.SealEntry) -> BundleVerificationReport.ImageComparison {
            check?.compare(entry, rendering: rendering) ?? skipped
        }
    }
}
