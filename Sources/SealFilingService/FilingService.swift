public import Foundation
public import Hummingbird
public import Logging
public import SealCrypto
public import SealFiling
import NIOCore
public import SealBundle

/// The online filing service over a ``FilingStore`` (SQLite for one office, PostgreSQL for a province): bundles
/// uploaded over HTTP, verified and imported exactly as `sealfiling import` does; seals, stations and their bundles
/// and CRLs queried; seals, signatures and stamped documents verified with the filing status of their seals; health
/// and Prometheus metrics. Every `/v1` route needs a client's bearer token.
/// `sealfiling serve` and the tests build it the same way.
public struct FilingService: Sendable {
    public let store: any FilingStore
    /// The station CA certificates (DER) whose stations may enrol with their first bundle (delivered at enrolment, as
    /// `sealfiling import --anchor`); later bundles of an enrolled station need none.
    public let enrolment: Set<[UInt8]>
    /// Where uploads are streamed to (a private directory, 0700).
    public let uploadDirectory: URL
    /// The largest bundle accepted, in bytes.
    public let uploadLimit: Int
    /// The largest body `POST /v1/verify` accepts (a seal, a signature with its document, an OFD, a PDF), in bytes: it
    /// is read into memory to be verified.
    public let verifyLimit: Int
    /// How long a request waits for the database before it is answered 503.
    public let storeTimeout: Duration
    /// The key that decrypts encrypted bundles (`.zip.p7e`), if the service has one.
    public let decryption: BundleDecryption?
    let metrics = FilingMetrics()
    /// The trust `/v1/verify` uses, reloaded after ``trustLifetime`` and after each import here.
    let trust: FilingTrustCache
    /// How long the stations' CA certificates and CRLs read for `/v1/verify` are kept.
    public let trustLifetime: Duration
    let now: @Sendable () -> Date

    /// The default upload limit: the bundle archive's own limit, 2 GiB.
    public static let defaultUploadLimit = BundleArchive.Limits().archiveBytes
    /// The default limit of a document to verify: 64 MiB.
    public static let defaultVerifyLimit = 64 << 20
    /// How long `/v1/verify` keeps the trust it read by default: 5 seconds (a CRL filed through another instance is
    /// used within that).
    public static let defaultTrustLifetime: Duration = .seconds(5)

    /// - Parameters:
    ///   - store: the filing registry.
    ///   - enrolment: CA certificates of the stations that may enrol.
    ///   - uploadDirectory: a directory private to the service (created 0700 if missing) for uploads in progress.
    ///   - uploadLimit: the largest bundle accepted, in bytes.
    ///   - verifyLimit: the largest document (seal, signature, OFD, PDF) accepted for verification, in bytes.
    ///   - storeTimeout: how long a request waits for the database before it is answered 503.
    ///   - decryption: the recipient key that decrypts encrypted bundles; nil refuses them.
    ///   - trustLifetime: how long `/v1/verify` keeps the stations' CA certificates and CRLs before reading them again
    ///     (at once after an import through this service; zero: for every request).
    ///   - now: the clock of imports.
    public init(store: any FilingStore, enrolment: [Certificate] = [], uploadDirectory: URL, uploadLimit: Int = FilingService.defaultUploadLimit,
                verifyLimit: Int = FilingService.defaultVerifyLimit, storeTimeout: Duration = .seconds(15), decryption: BundleDecryption? = nil,
                trustLifetime: Duration = FilingService.defaultTrustLifetime, now: @escaping @Sendable () -> Date = { Date() }) throws {
        self.decryption = decryption
        self.trustLifetime = trustLifetime
        trust = FilingTrustCache(lifetime: trustLifetime)
        self.store = store
        self.enrolment = Set(enrolment.map(\.derEncoded))
        self.uploadDirectory = uploadDirectory
        self.uploadLimit = uploadLimit
        self.verifyLimit = verifyLimit
        self.storeTimeout = storeTimeout
        self.now = now
        try FileManager.default.createDirectory(at: uploadDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: uploadDirectory.path)
    }

    /// The Hummingbird application serving the API on `host`:`port` (0: a free port), logging to `logger`
    /// (Hummingbird's own when nil); `onRunning` is told the port bound once it listens.
    public func application(host: String, port: Int, logger: Logger? = nil,
                            onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(router: router(), configuration: .init(address: .hostname(host, port: port), serverName: nil),
                    onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) }, logger: logger)
    }

    /// The routes: `/health`, `/metrics`, `/openapi.yaml`, and under `/v1` (bearer tokens) bundles, seals, stations and
    /// verification.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        router.get("/health") { _, _ in try await health() }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
        }
        router.get("/openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: FilingAPIDocument.yaml)))
        }
        let api = router.group("/v1").add(middleware: BearerTokenMiddleware(store: store, timeout: storeTimeout))
        addBundleRoutes(to: api)
        addSealRoutes(to: api)
        addStationRoutes(to: api)
        addVerifyRoutes(to: api)
        return router
    }

    /// `GET /health`: 200 when the database answers, 503 otherwise.
    private func health() async throws -> Response {
        let store = store
        try await StoreCall.run(timeout: .seconds(5)) { try await store.ping() }
        return try JSONResponse.response(["status": "ok"])
    }

    /// Runs a store call with the service's timeout (503 when the database does not answer).
    func call<T: Sendable>(_ body: @escaping @Sendable (any FilingStore) async throws -> T) async throws -> T {
        let store = store
        return try await StoreCall.run(timeout: storeTimeout) { try await body(store) }
    }
}
