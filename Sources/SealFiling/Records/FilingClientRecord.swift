public import Foundation

/// A system allowed to upload bundles to the online filing service (table `filing_client`), known by the SHA-256 of its
/// bearer token: the token itself is shown once, when the client is added, and kept nowhere.
public struct FilingClientRecord: Codable, Sendable, Equatable {
    public static let databaseTableName = "filing_client"

    /// The client's name (a city's intake system, a courier desk), unique.
    public var name: String
    /// SHA-256 (lower-case hex) of the bearer token.
    public var tokenSHA256: String
    public var addedAt: Date
    /// When the client was revoked; its token is refused from then on.
    public var revokedAt: Date?

    public init(name: String, tokenSHA256: String, addedAt: Date, revokedAt: Date? = nil) {
        self.name = name
        self.tokenSHA256 = tokenSHA256
        self.addedAt = addedAt
        self.revokedAt = revokedAt
    }
}
