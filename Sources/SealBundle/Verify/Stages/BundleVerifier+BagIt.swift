import SealCrypto

extension BundleVerifier {
    /// Stage ``BundleCheck/bagit``: BagIt 1.0 with every payload and tag file in both manifests and both tag
    /// manifests, in canonical form. Passes on every file's digests, by path (`known` when the archive reader computed
    /// them as it read the files).
    static func checkBagIt(_ files: [BundleMember], digests known: [String: [DigestAlgorithm: String]]?) -> BundleStageResult<[String: [DigestAlgorithm: String]]> {
        do {
            let digests = try BagItValidation.validate(members: files, digests: known)
            try BagItValidation.checkCanonicalForm(members: files, digests: digests)
            return .passed(.bagit, "BagIt 1.0; manifest-sha256, manifest-sm3, tagmanifest-sha256 and tagmanifest-sm3 all match, in canonical form", digests)
        } catch {
            return .failed(.bagit, "\(error)")
        }
    }
}
