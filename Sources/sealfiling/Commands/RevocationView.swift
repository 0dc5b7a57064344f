import Foundation
import SealCrypto
import SealFiling

/// What `sealfiling query` shows of a certificate's revocation status, from its station's latest filed CRL.
struct RevocationView: Encodable {
    /// revoked, not-revoked or no-crl.
    var status: String
    /// The certificate's serial number (hex).
    var serial: String
    /// The RFC 5280 reason name ("unspecified" when the entry has no reason code).
    var reason: String?
    var reasonCode: Int?
    /// 中文 reason.
    var reasonChinese: String?
    var revocationDate: Date?
    var invalidityDate: Date?
    var crlNumber: Int64?
    var crlThisUpdate: Date?
    var crlNextUpdate: Date?
    /// Whether the CRL is past its nextUpdate now.
    var stale: Bool?

    init(_ status: FiledRevocationStatus, serial: String, now: Date) {
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

    /// One line for a table.
    var text: String {
        guard let crlNumber else { return "no CRL (station filed none)" }
        let staleNote = stale == true ? ", stale: next update was \(crlNextUpdate.map(Output.date) ?? "-")" : ""
        if status == "revoked" {
            return "revoked: \(reason ?? "unspecified") \(reasonChinese ?? ""), \(revocationDate.map(Output.date) ?? "-")"
                + (invalidityDate.map { ", invalid since \(Output.date($0))" } ?? "") + " (CRL \(crlNumber)\(staleNote))"
        }
        if stale == true { return "not revoked on CRL \(crlNumber)\(staleNote)" }
        return "not revoked (CRL \(crlNumber)" + (crlNextUpdate.map { ", next update \(Output.date($0))" } ?? "") + ")"
    }
}
