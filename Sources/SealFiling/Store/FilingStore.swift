public import Foundation

/// Where the online side keeps its filings: the stations enrolled, the bundles imported from each, the seals filed
/// (latest state), their uses and the stations' audit records. ``ImportPolicy`` decides what an import does from a
/// ``FilingSnapshot`` alone, so every store (``SQLiteFilingStore`` for one office, the PostgreSQL store for a
/// province) gets the same policy.
public protocol FilingStore: Sendable {
    /// Runs one import in one transaction: reads the ``FilingSnapshot`` `request` names, and stores the
    /// ``FilingImport`` `decide` returns with it, if any. No other import of the same station runs alongside (on any
    /// machine, for a server database), so the snapshot stays true until the import commits; an error rolls everything back.
    func importing<T: Sendable>(
        _ request: FilingSnapshotRequest, _ decide: @escaping @Sendable (FilingSnapshot) throws -> (filing: FilingImport?, result: T)
    ) async throws -> T

    /// Filed seals matching `query`, newest first (by issue time, then esID).
    func filedSeals(_ query: FiledSealQuery) async throws -> [FiledSealRecord]

    /// The same seals as ``filedSeals(_:)``, without their files (what a list shows).
    func filedSealListings(_ query: FiledSealQuery) async throws -> [FiledSealListing]

    /// The bundles imported, by station and sequence.
    func bundles() async throws -> [FilingBundleRecord]

    /// The bundles imported from station `stationID`, by sequence.
    func bundles(stationID: String) async throws -> [FilingBundleRecord]

    /// How many uses are filed for `esID`.
    func useCount(esID: String) async throws -> Int

    /// The stations enrolled, by id.
    func stations() async throws -> [FilingStationRecord]

    /// The station enrolled as `id`, if it is.
    func station(id: String) async throws -> FilingStationRecord?

    /// Asks the database to answer one trivial query (what `/health` reports).
    /// - Throws: ``FilingStoreError`` when it cannot.
    func ping() async throws

    /// The station's filed CRL with the highest number, if it ever filed one.
    func latestCRL(stationID: String) async throws -> FiledCRLRecord?

    /// The entry for the certificate with serial `serial` (``FiledRevocationRecord/serialHex(_:)``) on the station's
    /// filed CRL `crlNumber`, if listed.
    func crlEntry(stationID: String, crlNumber: Int64, serial: String) async throws -> FiledRevocationRecord?

    // MARK: Clients of the filing service

    /// Adds `client`.
    /// - Throws: ``FilingStoreError/clientExists(name:)`` when a client of that name exists, revoked or not.
    func addClient(_ client: FilingClientRecord) async throws

    /// Marks client `name` revoked at `date` (a client revoked before keeps its first date) and returns it; nil when
    /// there is no such client.
    func revokeClient(name: String, at date: Date) async throws -> FilingClientRecord?

    /// The client whose bearer token has SHA-256 `tokenSHA256` (lower-case hex), revoked or not.
    func client(tokenSHA256: String) async throws -> FilingClientRecord?

    /// Every client, by name.
    func clients() async throws -> [FilingClientRecord]
}

extension FilingStore {
    /// Filed seals of a unit (by 统一社会信用代码, any case) or one seal by esID, newest first.
    public func filedSeals(creditCode: String? = nil, esID: String? = nil) async throws -> [FiledSealRecord] {
        try await filedSeals(FiledSealQuery(creditCode: creditCode, esID: esID))
    }

    /// What the station's latest filed CRL says about its certificate with serial `serial` (filed form).
    public func revocationStatus(stationID: String, serial: String) async throws -> FiledRevocationStatus {
        try await revocationStatus(serial: serial, on: try await latestCRL(stationID: stationID))
    }

    /// What `crl` (a station's latest filed CRL, read once for many look-ups; nil when it filed none) says about its
    /// certificate with serial `serial`.
    public func revocationStatus(serial: String, on crl: FiledCRLRecord?) async throws -> FiledRevocationStatus {
        guard let crl else { return .noCRL }
        if let entry = try await crlEntry(stationID: crl.stationID, crlNumber: crl.number, serial: serial) { return .revoked(entry, crl: crl) }
        return .notRevoked(crl: crl)
    }

    /// What the filing station's latest filed CRL says about `seal`'s holder certificate.
    /// - Throws: ``BundleImportError/unreadableHolderCertificate(esID:reason:)`` for a filed certificate that cannot
    ///   be read (a damaged registry).
    public func revocationStatus(of seal: FiledSealRecord) async throws -> FiledRevocationStatus {
        try await revocationStatus(stationID: seal.stationID, serial: seal.holderSerial())
    }
}
