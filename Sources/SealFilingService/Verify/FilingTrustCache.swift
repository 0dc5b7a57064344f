import Foundation

/// The trust `POST /v1/verify` uses (``FilingVerifier``: the stations' CA certificates and latest CRLs, parsed), kept
/// between requests instead of read from the store for each: reloaded when it is older than `lifetime` and at once
/// after this instance imports a bundle. A CRL another instance files is seen within `lifetime`.
actor FilingTrustCache {
    private var current: (verifier: FilingVerifier, loadedAt: ContinuousClock.Instant)?
    /// Counts invalidations: a load that began before one is used once but not kept (it may predate the import).
    private var generation = 0
    private let lifetime: Duration

    /// A cache whose trust is reloaded after `lifetime` (zero: for every request).
    init(lifetime: Duration) {
        self.lifetime = lifetime
    }

    /// The trust at `now`: the kept one when it is recent enough, else one `load` reads.
    func verifier(now: Date, load: @Sendable () async throws -> FilingVerifier) async throws -> FilingVerifier {
        if let current, ContinuousClock.now - current.loadedAt < lifetime { return current.verifier.at(now) }
        // Its age counts from before it was read.
        let started = generation, began = ContinuousClock.now
        let loaded = try await load()
        if generation == started { current = (loaded, began) }
        return loaded.at(now)
    }

    /// Forgets the kept trust (a bundle was imported: it may enrol a station or file a CRL).
    func invalidate() {
        current = nil
        generation += 1
    }
}
