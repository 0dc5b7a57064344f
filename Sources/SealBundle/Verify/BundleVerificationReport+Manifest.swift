public import SealCrypto

extension BundleVerificationReport {
    /// Adds the ``BundleCheck/qrManifest`` check: `manifest` is signed by the bundle's station CA and describes this
    /// bundle.
    public mutating func checkManifest(_ manifest: FilingManifest, stationCA: Certificate?) {
        guard let stationCA else {
            checks.append(BundleCheck.qrManifest.failed("the bundle's station is unknown, so the manifest's signature cannot be checked"))
            return
        }
        let check = BundleCheck.qrManifest.run {
            try manifest.verify(stationCA: stationCA)
            let differences = manifest.differences(from: self)
            guard differences.isEmpty else { throw FilingManifestError.mismatch(differences) }
            return "signed by the station CA; names this bundle (SM3, sequence \(manifest.info.sequence), \(manifest.info.sealCount) seals)"
        }
        checks.append(check)
    }
}
