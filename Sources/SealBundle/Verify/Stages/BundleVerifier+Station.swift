import SealCrypto
import SealPKI

extension BundleVerifier {
    /// Stage ``BundleCheck/station``: the station's id is its CA's SM3, a pinned anchor is that CA, and the
    /// seal-maker certificate chains to it.
    func checkStation(_ bundle: FilingBundle) -> BundleStageResult<VerifiedStation> {
        let station: Certificate, maker: Certificate
        do {
            station = try Certificate(derEncoded: bundle.stationCertificate)
            maker = try Certificate(derEncoded: bundle.makerCertificate)
        } catch {
            return .failed(.station, "a carried certificate does not parse: \(error)")
        }
        guard Hex.encode(station.fingerprint) == bundle.info.stationID else {
            return .failed(.station, "Station-Id \(bundle.info.stationID) is not the SM3 of the carried station CA certificate")
        }
        if let anchor, anchor.derEncoded != station.derEncoded {
            return .failed(.station, "the bundle's station CA (\(station.subject)) is not the anchor given (\(anchor.subject))")
        }
        let cache = VerificationCache()
        let makerResult = CertificateChainVerifier(trustAnchors: [station], cache: cache).verify(maker, at: bundle.info.created)
        guard makerResult.isValid else {
            return .failed(.station, "the seal-maker certificate does not chain to the station CA: \(makerResult.problems.map(\.description).joined(separator: "; "))")
        }
        return .passed(.station, "\(bundle.info.stationName): CA \(station.subject)" + (anchor == nil ? " (taken from the bundle, not pinned)" : " (the pinned anchor)"),
                       VerifiedStation(certificate: station, maker: maker))
    }
}
