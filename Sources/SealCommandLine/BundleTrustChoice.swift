import ArgumentParser

/// The choice both programs' bundle verification asks for: whom to trust, the pinned station CA (`--anchor`) or, said
/// explicitly, the CA the bundle carries (`--trust-station-in-bundle`); a QR manifest is checked only against an anchor.
public enum BundleTrustChoice {
    /// Refuses a missing, doubled or unsafe choice as a usage error.
    public static func validate(anchor: String?, trustStationInBundle: Bool, qrManifest: String?) throws {
        // Against the CA carried in the bundle a forged manifest would match a forged bundle.
        if qrManifest != nil && anchor == nil { throw ValidationError("--qr-manifest needs --anchor STATION_CA") }
        if anchor != nil && trustStationInBundle {
            throw ValidationError("give either --anchor STATION_CA or --trust-station-in-bundle, not both")
        }
        if anchor == nil && !trustStationInBundle {
            throw ValidationError(
                "say whom to trust: --anchor STATION_CA (the station's CA certificate or directory), or "
                    + "--trust-station-in-bundle to take the CA the bundle carries (self-consistency only)")
        }
    }
}
