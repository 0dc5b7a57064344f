import SealPKI
import SealCrypto

/// The station a bundle comes from, once its ``BundleCheck/station`` check passed: the station CA (the bundle's
/// Station-Id is its SM3, or it is the pinned anchor) and the seal-maker certificate it issued, which signs the bundle.
struct VerifiedStation: Sendable {
    var certificate: Certificate
    var maker: Certificate
}
