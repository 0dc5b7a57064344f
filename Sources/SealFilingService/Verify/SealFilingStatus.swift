public import Foundation
import SealBundle
import SealCrypto
public import SealFiling

/// What the filing registry says about one seal a verified item contains: whether it is filed and by which station,
/// whether the seal found is the one filed, its filed state, and whether it was revoked — by its station's 注销 filed in
/// a bundle, or on the station's latest filed CRL — at the time the signature claims.
public struct SealFilingStatus: Codable, Sendable, Equatable {
    /// Where the seal was found: the signature's ID in the document (OFD Signature ID, PDF field name, the .ses); nil
    /// for a bare seal.
    public var signatureID: String?
    /// 电子印章标识 as the seal found carries it.
    public var esID: String
    /// 印章名称 as the seal found carries it.
    public var name: String
    /// 签章时间 the signature claims; nil for a bare seal or a v1 signature without a usable time.
    public var signingTime: Date?
    /// Whether the registry holds a seal under this esID.
    public var filed: Bool
    /// Whether the SES_Seal found is byte for byte the one filed under its esID (SM3 compared); nil when not filed.
    public var matchesFiledSeal: Bool?
    /// Whether the seal maker's certificate chains to the CA of a station this service knows (given at enrolment or
    /// filed), at the seal's creation: false for another system's seal.
    public var knownIssuer: Bool
    /// The station that filed the seal.
    public var station: FiledSealView.StationReference?
    /// The filed state (issued, superseded, revoked); nil when not filed.
    public var state: String?
    /// Whether the seal or its holder certificate was revoked at or before ``signingTime``; nil when the seal is not
    /// filed or there is no signing time.
    public var revokedAtSigningTime: Bool?
    /// The earliest revocation known, when the seal or its holder certificate is revoked.
    public var revocation: Revocation?
    /// The holder certificate's status on its station's latest filed CRL; nil when not filed.
    public var crl: FiledRevocationView?

    /// A revocation of a filed seal.
    public struct Revocation: Codable, Sendable, Equatable {
        /// Where it is known from.
        public enum Source: String, Codable, Sendable {
            /// The station's 注销 of the seal, filed in a bundle.
            case filing
            /// The holder certificate's entry on the station's latest filed CRL.
            case crl
        }

        /// When it took effect: the 注销 time, or the CRL entry's date (its invalidity date when earlier).
        public var time: Date
        /// Why: the 注销 reason, or the CRL entry's RFC 5280 reason name.
        public var reason: String?
        public var source: Source
    }

    /// A seal not filed under `esID`.
    init(signatureID: String?, esID: String, name: String, signingTime: Date?, knownIssuer: Bool) {
        self.signatureID = signatureID
        self.esID = esID
        self.name = name
        self.signingTime = signingTime
        self.knownIssuer = knownIssuer
        filed = false
    }

    /// Adds what the registry holds: `record` filed by `station`, its holder certificate's `crlStatus`, the SM3 of the
    /// SES_Seal found (nil when unknown).
    mutating func file(
        _ record: FiledSealRecord, station: FilingStationRecord?, crlStatus: FiledRevocationStatus, serial: String, sealSM3: String?, now: Date
    ) {
        filed = true
        matchesFiledSeal = sealSM3.map { $0.lowercased() == record.sealSM3.lowercased() }
        self.station = FiledSealView.StationReference(id: record.stationID, name: station?.name ?? "", organization: station?.organization ?? "")
        state = record.state
        crl = FiledRevocationView(crlStatus, serial: serial, now: now)
        var known: [Revocation] = []
        if let revokedAt = record.revokedAt {
            known.append(Revocation(time: revokedAt, reason: record.revokeReason, source: .filing))
        }
        if case .revoked(let entry, _) = crlStatus {
            let time = min(entry.revocationDate, entry.invalidityDate ?? entry.revocationDate)
            known.append(Revocation(time: time, reason: (entry.reason ?? .unspecified).name, source: .crl))
        }
        revocation = known.min { $0.time < $1.time }
        revokedAtSigningTime = signingTime.map { signed in revocation.map { $0.time <= signed } ?? false }
    }
}
