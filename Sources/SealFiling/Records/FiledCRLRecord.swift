public import Foundation

/// A CRL of a station's CA as filed with the online side (table `filed_crl`), one row per CRL number: the CRL as the
/// bundle carried it (DER and its SM3), its window, and the first bundle that carried it. Its entries are
/// ``FiledRevocationRecord``s.
public struct FiledCRLRecord: Codable, Sendable, Equatable {
    public static let databaseTableName = "filed_crl"
    public var stationID: String
    /// The cRLNumber (this registry keeps numbers up to 2^63−1).
    public var number: Int64
    public var thisUpdate: Date
    /// Nil for a CRL without nextUpdate.
    public var nextUpdate: Date?
    /// The CRL's DER, exactly as carried.
    public var der: Data
    /// SM3 (hex) of the DER.
    public var sm3: String
    /// The first bundle of the station that carried it.
    public var bundleSequence: Int64
    /// How many certificates it lists.
    public var entries: Int

    public init(stationID: String, number: Int64, thisUpdate: Date, nextUpdate: Date?, der: Data, sm3: String, bundleSequence: Int64, entries: Int) {
        self.stationID = stationID
        self.number = number
        self.thisUpdate = thisUpdate
        self.nextUpdate = nextUpdate
        self.der = der
        self.sm3 = sm3
        self.bundleSequence = bundleSequence
        self.entries = entries
    }

    /// Whether the CRL is past its nextUpdate at `time` (then a newer one should have been filed).
    public func isStale(at time: Date) -> Bool { nextUpdate.map { time > $0 } ?? false }
}
