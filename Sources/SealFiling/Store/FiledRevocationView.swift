public import Foundation
import SealCrypto

/// What the online side says of a certificate's revocation status, from its station's latest filed CRL: one JSON form
/// for `sealfiling query --json` and the filing service's API.
public struct FiledRevocationView: Codable, Sendable, Equatable {
    /// revoked, not-revoked or no-crl.
    public var status: String
    /// The certificate's serial number (hex).
    public var serial: String
    /// The RFC 5280 reason name ("unspecified" when the entry has no reason code).
    public var reason: String?
    public var reasonCode: Int?
    /// 中文 reason.
    public var reasonChinese: String?
    public var revocationDate: Date?
    public var invalidityDate: Date?
    public var crlNumber: Int64?
    public var crlThisUpdate: Date?
    public var crlNextUpdate: Date?
    /// Whether the CRL is past its nextUpdate now.
    public var stale: Bool?

    public init(_ status: FiledRevocationStatus, serial: String, now: Date) {
        self.serial = serial
        switch status {
        case .noCRL:
            self.status = "no-crl"
        case .notRevoked(let crl):
            self.status = "not-revoked"
            describe(crl, now: now)
        case .revoked(let entry, let crl):
            self.status = "revoked"
            let reason = entry.reason ?? .unspecified
            self.reason = reason.name
            reasonCode = entry.reasonCode
            reasonChinese = reason.chineseName
            revocationDate = entry.revocationDate
            invalidityDate = entry.invalidityDate
            describe(crl, now: now)
        }
    }

    private mutating func describe(_ crl: FiledCRLRecord, now: Date) {
        crlNumber = crl.number
        crlThisUpdate = crl.thisUpdate
        crlNextUpdate = crl.nextUpdate
        stale = crl.isStale(at: now)
    }
}
