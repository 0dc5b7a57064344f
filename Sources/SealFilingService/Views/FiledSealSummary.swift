import Foundation
public import SealBundle
import SealFiling

/// One seal in `GET /v1/seals`: the filing's fields and the station; the detail (revocation, uses) is at its own URL.
public struct FiledSealSummary: Codable, Sendable {
    public var seal: SealDescription
    public var stationID: String
    public var bundleSequence: Int64
    /// `/v1/seals/{esID}`.
    public var href: String

    init(_ record: FiledSealListing) {
        seal = record.seal
        stationID = record.stationID
        bundleSequence = record.bundleSequence
        href = "/v1/seals/" + (record.esID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? record.esID)
    }
}

/// A page of `GET /v1/seals`.
public struct FiledSealPage: Codable, Sendable {
    public var seals: [FiledSealSummary]
    public var page: Int
    public var pageSize: Int
    /// Whether a next page holds more seals.
    public var hasMore: Bool
}
