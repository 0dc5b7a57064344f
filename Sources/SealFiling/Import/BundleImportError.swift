public import Foundation
public import SealCrypto
public import SealPKI
import SealBundle

/// Why a bundle was not imported; nothing was changed in the filing registry.
public enum BundleImportError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The bundle did not verify.
    case notVerified(String)
    /// A station seen for the first time needs its CA pinned.
    case stationNotEnrolled(stationID: String, name: String)
    /// A different bundle with an already-imported number: the station's chain forked.
    case conflict(sequence: Int64, importedSM3: String)
    /// Bundles are missing before this one (or it arrives after later ones) — refused unless accepted.
    case gap(String)
    /// An esID filed by another station.
    case foreignSeal(esID: String, stationID: String)
    /// A filed seal's SES_Seal, holder certificate or images differ in this bundle (only state may change).
    case sealChanged(esID: String)
    /// An audit record already filed differs from the one this bundle carries.
    case auditConflict(seq: Int64)
    /// A seal's filed 统一社会信用代码 fails GB 32100.
    case invalidCreditCode(esID: String, creditCode: String, problem: IdentifierError)
    /// A seal's filed 统一社会信用代码 is not the one its holder certificate names (subject OU).
    case creditCodeNotCertified(esID: String, creditCode: String, certified: String?)
    /// A seal's esID does not begin with characters 3–8 of its unit's 统一社会信用代码 (the registration region).
    case esIDNotOfUnit(esID: String, creditCode: String)
    /// A personal seal's holder 公民身份号码 is missing or fails GB 11643.
    case invalidHolderIDNumber(esID: String, problem: String)
    /// A seal's holder certificate cannot be read.
    case unreadableHolderCertificate(esID: String, reason: String)
    /// A filed seal's SES_Seal cannot be read (a damaged registry).
    case unreadableSeal(esID: String, reason: String)
    /// The bundle's CRL cannot be read, or is not one the registry can keep (no number, a delta or other critical
    /// extension it does not understand, a removeFromCRL entry).
    case invalidCRL(reason: String)
    /// The bundle's CRL is not issued and signed by the station's enrolled CA.
    case crlNotByStation(reason: String)
    /// A certificate listed as revoked on CRL `earlierCRL` is no longer listed on CRL `laterCRL` (un-revoking); only
    /// a certificateHold may be released.
    case crlUnrevokes(serial: String, earlierCRL: Int64, laterCRL: Int64, reason: CRLReason?)
    /// The bundle's CRL number is lower than that of the CRL filed before it.
    case crlNumberDecreased(number: Int64, filed: Int64, filedBundle: Int64)
    /// The bundle's CRL has the number of a filed CRL but different bytes.
    case crlNumberReused(number: Int64, filedSM3: String, sm3: String)
    /// The bundle's CRL was issued (thisUpdate) before the CRL filed before it.
    case crlThisUpdateEarlier(number: Int64, thisUpdate: Date, filed: Int64, filedThisUpdate: Date)
    /// A late bundle's CRL is newer (number or thisUpdate) than the CRL a later bundle, already imported, carried.
    case crlNewerThanLaterBundle(number: Int64, laterCRL: Int64)
    /// The station filed CRLs, and this bundle carries none (a roll-back to the format before CRLs).
    case crlMissing(lastCRL: Int64, lastBundle: Int64)
    /// A seal filed as revoked or superseded whose holder certificate the bundle's CRL does not list.
    case revokedSealNotOnCRL(esID: String, state: String, serial: String, crlNumber: Int64)
    /// A seal filed as issued whose holder certificate the bundle's CRL lists as revoked (not on hold).
    case issuedSealOnCRL(esID: String, serial: String, crlNumber: Int64, reason: CRLReason?)

    public var description: String {
        switch self {
        case .notVerified(let reason): return "the bundle does not verify: \(reason)"
        case .stationNotEnrolled(let id, let name):
            return "station \(name) (\(id.prefix(16))…) is not enrolled: give --anchor with its station CA certificate for its first bundle"
        case .conflict(let sequence, let sm3):
            return "bundle \(sequence) of this station was already imported with SM3 \(sm3.prefix(16))…; this is a different bundle with the same number (the station's chain forked)"
        case .gap(let detail): return "\(detail); nothing was imported (give --accept-gap to import it anyway)"
        case .foreignSeal(let esID, let station): return "seal \(esID) is already filed by another station (\(station.prefix(16))…)"
        case .sealChanged(let esID):
            return "seal \(esID) is filed with a different SES_Seal, holder certificate or image; a seal never changes once made, only its state"
        case .auditConflict(let seq): return "audit record \(seq) of this station is already filed with different content"
        case .invalidCreditCode(let esID, let code, let problem):
            return "seal \(esID) is filed with 统一社会信用代码 \"\(code)\", which fails GB 32100 (\(problem)); nothing was imported"
        case .creditCodeNotCertified(let esID, let code, let certified):
            return "seal \(esID) is filed with 统一社会信用代码 \(code), but its holder certificate names "
                + (certified.map { "\($0) (subject OU)" } ?? "no 统一社会信用代码 (no subject OU)") + "; nothing was imported"
        case .esIDNotOfUnit(let esID, let code):
            return "seal \(esID) does not begin with \(code.dropFirst(2).prefix(6)), characters 3–8 of its unit's 统一社会信用代码 \(code); nothing was imported"
        case .invalidHolderIDNumber(let esID, let problem):
            return "personal seal \(esID): the holder's 公民身份号码 \(problem); nothing was imported"
        case .unreadableHolderCertificate(let esID, let reason):
            return "seal \(esID): its holder certificate cannot be read (\(reason)); nothing was imported"
        case .unreadableSeal(let esID, let reason):
            return "seal \(esID): its filed SES_Seal cannot be read (\(reason)); the filing registry is damaged"
        case .invalidCRL(let reason): return "the bundle's CRL (data/\(FilingBundle.crlPath)) cannot be filed: \(reason); nothing was imported"
        case .crlNotByStation(let reason):
            return "the bundle's CRL is not the station CA's: \(reason); nothing was imported"
        case .crlUnrevokes(let serial, let earlier, let later, let reason):
            return "certificate \(serial) is revoked on CRL \(earlier) (\(Self.reasonText(reason))), and CRL \(later) no longer lists it: "
                + "a revocation is never undone (only a certificateHold may be released); nothing was imported"
        case .crlNumberDecreased(let number, let filed, let bundle):
            return "the bundle's CRL is number \(number), lower than CRL \(filed) filed with bundle \(bundle) before it (a CRL number never goes down); nothing was imported"
        case .crlNumberReused(let number, let filedSM3, let sm3):
            return "the bundle's CRL is number \(number) with SM3 \(sm3.prefix(16))…, but CRL \(number) is filed with SM3 \(filedSM3.prefix(16))… (two different CRLs with one number); nothing was imported"
        case .crlThisUpdateEarlier(let number, let thisUpdate, let filed, let filedThisUpdate):
            return "the bundle's CRL \(number) was issued \(thisUpdate.formatted(.iso8601)), before CRL \(filed) filed before it (\(filedThisUpdate.formatted(.iso8601))); nothing was imported"
        case .crlNewerThanLaterBundle(let number, let later):
            return "this late bundle's CRL \(number) is newer than CRL \(later), which a later bundle of the station, imported already, carried; nothing was imported"
        case .crlMissing(let last, let bundle):
            return "the bundle carries no CRL, but the station filed CRL \(last) with bundle \(bundle): a station that issues CRLs puts one in every bundle (a roll-back of the format); nothing was imported"
        case .revokedSealNotOnCRL(let esID, let state, let serial, let number):
            return "seal \(esID) is filed as \(state), but the bundle's CRL \(number) does not list its holder certificate \(serial); nothing was imported"
        case .issuedSealOnCRL(let esID, let serial, let number, let reason):
            return "seal \(esID) is filed as issued, but the bundle's CRL \(number) lists its holder certificate \(serial) as revoked (\(Self.reasonText(reason))); nothing was imported"
        }
    }

    /// "cessationOfOperation 停止使用（注销）", or "no reason code".
    static func reasonText(_ reason: CRLReason?) -> String { reason.map { "\($0.name) \($0.chineseName)" } ?? "no reason code" }
}
