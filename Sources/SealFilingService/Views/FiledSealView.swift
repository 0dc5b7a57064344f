import Foundation
public import SealBundle
public import SealFiling

/// What `GET /v1/seals/{esID}` answers: the filing's fields as the station filed them, the seal's state and validity,
/// its holder certificate's revocation status on the station's latest filed CRL (with reason), its uses, and the
/// station that filed it.
public struct FiledSealView: Codable, Sendable {
    /// The filing: esID, name, kind, unit, 统一社会信用代码, holder, state, validity, issue, approval, revocation.
    public var seal: SealDescription
    /// Whether the seal is in force at the time of the answer: issued (not revoked or superseded) and within its validity.
    public var validNow: Bool
    public var revocation: FiledRevocationView
    /// Uses filed (the sum of their counts).
    public var uses: Int
    public var station: StationReference
    /// The number of the bundle that filed the seal in its present state.
    public var bundleSequence: Int64
    /// SM3 (hex) of the SES_Seal.
    public var sealSM3: String

    /// The station that filed a seal.
    public struct StationReference: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var organization: String
    }

    init(_ record: FiledSealRecord, station: FilingStationRecord?, revocation: FiledRevocationView, uses: Int, now: Date) {
        seal = record.seal
        validNow = record.state == "issued" && record.validFrom <= now && now <= record.validTo && revocation.status != "revoked"
        self.revocation = revocation
        self.uses = uses
        self.station = StationReference(id: record.stationID, name: station?.name ?? "", organization: station?.organization ?? "")
        bundleSequence = record.bundleSequence
        sealSM3 = record.sealSM3
    }
}
