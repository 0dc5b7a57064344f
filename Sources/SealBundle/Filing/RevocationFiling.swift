public import Foundation

/// One revocation (注销) in the bundle's period, an entry of `data/revocations.json`.
public struct RevocationFiling: Codable, Sendable, Equatable {
    public var esID: String
    public var revokedAt: Date
    public var reason: String

    public init(esID: String, revokedAt: Date, reason: String) {
        self.esID = esID
        self.revokedAt = revokedAt
        self.reason = reason
    }
}
