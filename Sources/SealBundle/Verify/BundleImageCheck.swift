/// The comparison of a filing bundle's seal images with images redrawn from the filed fields, plugged into
/// ``BundleVerifier`` from outside this module (drawing needs the templates, fonts and a renderer, which the filing
/// format does not): `SealBundleRender.RedrawImageCheck` is the station's. Without one the verifier skips the images
/// and says so.
///
/// The verifier asks ``notComparable(_:)`` once per bundle, then calls ``compare(_:rendering:)`` for every seal,
/// from several threads at once; a seal whose image differs fails.
public protocol BundleImageCheck: Sendable {
    /// Why no image of a bundle drawn as `rendering` says can be compared here (its fonts are not this machine's, …),
    /// or nil when they can be; the verifier then reports the images as skipped with this reason.
    func notComparable(_ rendering: RenderingProvenance) -> String?

    /// How the filed PNG and SVG of `seal` compare with the images redrawn from its filed fields (template id, unit,
    /// use and holder names, physical code) as `rendering` describes: a match, a difference, or why this seal cannot
    /// be compared here.
    func compare(_ seal: FilingBundle.SealEntry, rendering: RenderingProvenance) -> BundleVerificationReport.ImageComparison
}
