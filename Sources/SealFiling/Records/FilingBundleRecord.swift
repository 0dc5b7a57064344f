public import Foundation

/// A bundle imported from a station (table `filing_bundle`).
public struct FilingBundleRecord: Codable, Sendable, Equatable {
    public static let databaseTableName = "filing_bundle"
    public var stationID: String
    public var sequence: Int64
    /// SM3 (hex) of the bundle file.
    public var sm3: String
    public var previousSM3: String?
    public var createdAt: Date
    public var importedAt: Date
    public var auditFirstSeq: Int64
    public var auditLastSeq: Int64
    public var auditLastHash: Data
    public var seals: Int
    public var uses: Int
    /// The gap or break accepted with `--accept-gap`, if any.
    public var anomaly: String?
    /// The number of the station CA's CRL the bundle carried (``FiledCRLRecord``); nil for a bundle without one.
    public var crlNumber: Int64?

    public init(stationID: String, sequence: Int64, sm3: String, previousSM3: String?, createdAt: Date, importedAt: Date, auditFirstSeq: Int64, auditLastSeq: Int64, auditLastHash: Data, seals: Int, uses: Int, anomaly: String?, crlNumber: Int64? = nil) {
        self.stationID = stationID
        self.sequence = sequence
        self.sm3 = sm3
        self.previousSM3 = previousSM3
        self.createdAt = createdAt
        self.importedAt = importedAt
        self.auditFirstSeq = auditFirstSeq
        self.auditLastSeq = auditLastSeq
        self.auditLastHash = auditLastHash
        self.seals = seals
        self.uses = uses
        self.anomaly = anomaly
        self.crlNumber = crlNumber
    }
}
