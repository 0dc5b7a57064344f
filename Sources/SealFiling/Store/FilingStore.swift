import Foundation

/// Where the online side keeps its filings: the stations enrolled, the bundles imported from each, the seals filed
/// (latest state), their uses and the stations' audit records. ``ImportPolicy`` decides what an import does over
/// this protocol alone, so every store (``SQLiteFilingStore`` today, a server database later) gets the same policy.
public protocol FilingStore: Sendable {
    /// Runs `body` in one transaction: what it reads is one consistent state, and what it stores is kept only if it
    /// returns (an error rolls everything back).
    func transaction<T>(_ body: (any FilingStoreTransaction) throws -> T) throws -> T

    /// Filed seals matching `query`, newest first (by issue time, then esID).
    func filedSeals(_ query: FiledSealQuery) throws -> [FiledSealRecord]

    /// The bundles imported, by station and sequence.
    func bundles() throws -> [FilingBundleRecord]

    /// How many uses are filed for `esID`.
    func useCount(esID: String) throws -> Int

    /// The stations enrolled, by id.
    func stations() throws -> [FilingStationRecord]

    /// The station's filed CRL with the highest number, if it ever filed one.
    func latestCRL(stationID: String) throws -> FiledCRLRecord?

    /// The entry for the certificate with serial `serial` (``FiledRevocationRecord/serialHex(_:)``) on the station's
    /// filed CRL `crlNumber`, if listed.
    func crlEntry(stationID: String, crlNumber: Int64, serial: String) throws -> FiledRevocationRecord?
}

extension FilingStore {
    /// Filed seals of a unit (by 统一社会信用代码, any case) or one seal by esID, newest first.
    public func filedSeals(creditCode: String? = nil, esID: String? = nil) throws -> [FiledSealRecord] {
        try filedSeals(FiledSealQuery(creditCode: creditCode, esID: esID))
    }

    /// What the station's latest filed CRL says about its certificate with serial `serial` (filed form).
    public func revocationStatus(stationID: String, serial: String) throws -> FiledRevocationStatus {
        try revocationStatus(serial: serial, on: try latestCRL(stationID: stationID))
    }

    /// What `crl` (a station's latest filed CRL, read once for many look-ups; nil when it filed none) says about its
    /// certificate with serial `serial`.
    public func revocationStatus(serial: String, on crl: FiledCRLRecord?) throws -> FiledRevocationStatus {
        guard let crl else { return .noCRL }
        if let entry = try crlEntry(stationID: crl.stationID, crlNumber: crl.number, serial: serial) { return .revoked(entry, crl: crl) }
        return .notRevoked(crl: crl)
    }

    /// What the filing station's latest filed CRL says about `seal`'s holder certificate.
    /// - Throws: ``BundleImportError/unreadableHolderCertificate(esID:reason:)`` for a filed certificate that cannot
    ///   be read (a damaged registry).
    public func revocationStatus(of seal: FiledSealRecord) throws -> FiledRevocationStatus {
        try revocationStatus(stationID: seal.stationID, serial: seal.holderSerial())
    }
}
