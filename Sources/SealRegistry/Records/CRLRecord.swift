public import Foundation
public import GRDB

/// One CRL the station CA issued (table `crl`, schema v7-revocation; append-only): numbered 1, 2, 3… (its cRLNumber),
/// with its window, how many entries it lists, its DER and SM3, and who issued it.
public struct CRLRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "crl"
    /// The cRLNumber.
    public var number: Int64
    public var thisUpdate: Date
    public var nextUpdate: Date
    /// Revoked certificates listed.
    public var entries: Int
    public var der: Data
    /// SM3 of the DER, lower-case hex.
    public var sm3: String
    public var officer: String
    public var issuedAt: Date

    public init(number: Int64, thisUpdate: Date, nextUpdate: Date, entries: Int, der: Data, sm3: String, officer: String, issuedAt: Date) {
        self.number = number
        self.thisUpdate = thisUpdate
        self.nextUpdate = nextUpdate
        self.entries = entries
        self.der = der
        self.sm3 = sm3
        self.officer = officer
        self.issuedAt = issuedAt
    }

    /// The table's columns.
    public enum Columns {
        public static let number = Column(CodingKeys.number)
    }
}

/// What the next CRL lists, read in one snapshot: its number and every revocation row in order.
public struct CRLDraft: Sendable {
    /// The last CRL's number + 1 (1 for the first).
    public var number: Int64
    public var revocations: [CertificateRevocationRecord]
}
