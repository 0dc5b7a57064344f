public import Foundation

/// A station the online side has enrolled (table `filing_station`): its id (the SM3 of its CA certificate), its names,
/// and the CA certificate pinned with its first bundle.
public struct FilingStationRecord: Codable, Sendable, Equatable {
    public static let databaseTableName = "filing_station"
    public var id: String
    public var name: String
    public var organization: String
    /// DER.
    public var caCertificate: Data
    public var firstImportedAt: Date

    public init(id: String, name: String, organization: String, caCertificate: Data, firstImportedAt: Date) {
        self.id = id
        self.name = name
        self.organization = organization
        self.caCertificate = caCertificate
        self.firstImportedAt = firstImportedAt
    }
}
