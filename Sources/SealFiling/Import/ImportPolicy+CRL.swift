import Foundation
import SealBundle
import SealCrypto

/// The station CA's CRL a bundle carries, as the online side files it. It is checked here whatever the bundle
/// verifier found, so that no CRL the station CA did not sign is ever stored:
/// - issued by the enrolled station CA (name, authorityKeyIdentifier) and signed by its key (SM2 with the ID
///   1234567812345678); a complete CRL with a number (no critical extension this registry does not understand — no
///   delta CRLs — and no removeFromCRL entry, which only deltas carry);
/// - consistent with the bundle: every seal filed as revoked or superseded has its holder certificate listed, and no
///   seal filed as issued has it listed other than on hold;
/// - in order with the CRLs filed before it (the one the nearest earlier bundle carried): its number not lower, the
///   same number only with the same bytes, its thisUpdate not earlier, and every certificate listed there still
///   listed, unless it was on hold (certificateHold may be released); a late bundle's CRL the same way against the
///   CRL of the nearest later bundle;
/// - once a station filed a CRL, every later bundle carries one.
extension ImportPolicy {
    /// What the bundle adds of CRLs: the number of the CRL it carries (nil for none), and the CRL with its entries
    /// when that number is not filed yet.
    struct CRLFiling {
        var number: Int64?
        var crl: FiledCRLRecord?
        var entries: [FiledRevocationRecord]
    }

    /// The CRL filing of `submission`, whose station CA (DER) is `caCertificate`, with its seals `seals` (checked, with
    /// their holder certificates' serial numbers).
    /// - Throws: ``BundleImportError`` naming the anomaly.
    func crlFiling(_ submission: Submission, seals: [FiledIdentityCheck.Checked], caCertificate: [UInt8], in store: FilingSnapshot) throws -> CRLFiling {
        let info = submission.bundle.info
        let before = try store.crl(stationID: info.stationID, carriedBefore: info.sequence)
        guard let der = submission.bundle.crl else {
            if let before { throw BundleImportError.crlMissing(lastCRL: before.number, lastBundle: before.bundleSequence) }
            return CRLFiling(number: nil, crl: nil, entries: [])
        }
        let crl = try Self.stationCRL(der, caCertificate: caCertificate)
        let number = try Self.number(of: crl)
        let sm3 = Hex.encode(crl.fingerprint)
        let listed = Set(crl.entries.map { FiledRevocationRecord.serialHex($0.serialNumber) })

        // The bundle's own seals.
        for (entry, serialNumber) in seals.map({ ($0.entry, $0.holderSerial) }) {
            let serial = FiledRevocationRecord.serialHex(serialNumber)
            let revocation = crl.entry(forSerialNumber: serialNumber)
            switch entry.filing.state {
            case "issued":
                if let revocation, revocation.reason != .certificateHold {
                    throw BundleImportError.issuedSealOnCRL(esID: entry.filing.esID, serial: serial, crlNumber: number, reason: revocation.reason)
                }
            default:
                // revoked (注销) or superseded (变更) — or any other state, which is not in force: on the CRL.
                if revocation == nil {
                    throw BundleImportError.revokedSealNotOnCRL(esID: entry.filing.esID, state: entry.filing.state, serial: serial, crlNumber: number)
                }
            }
        }

        // The CRLs filed before and (for a late bundle) after it.
        let filed = try store.crl(stationID: info.stationID, number: number)
        if let filed, filed.sm3 != sm3 { throw BundleImportError.crlNumberReused(number: number, filedSM3: filed.sm3, sm3: sm3) }
        if let before {
            if number < before.number {
                throw BundleImportError.crlNumberDecreased(number: number, filed: before.number, filedBundle: before.bundleSequence)
            }
            if crl.thisUpdate < before.thisUpdate {
                throw BundleImportError.crlThisUpdateEarlier(number: number, thisUpdate: crl.thisUpdate, filed: before.number, filedThisUpdate: before.thisUpdate)
            }
            for earlier in try store.crlEntries(stationID: info.stationID, crlNumber: before.number)
            where earlier.reason != .certificateHold && !listed.contains(earlier.serial) {
                throw BundleImportError.crlUnrevokes(serial: earlier.serial, earlierCRL: before.number, laterCRL: number, reason: earlier.reason)
            }
        }
        if let after = try store.crl(stationID: info.stationID, carriedAfter: info.sequence) {
            if number > after.number || crl.thisUpdate > after.thisUpdate {
                throw BundleImportError.crlNewerThanLaterBundle(number: number, laterCRL: after.number)
            }
            let later = Set(try store.crlEntries(stationID: info.stationID, crlNumber: after.number).map(\.serial))
            for entry in crl.entries where entry.reason != .certificateHold {
                let serial = FiledRevocationRecord.serialHex(entry.serialNumber)
                if !later.contains(serial) {
                    throw BundleImportError.crlUnrevokes(serial: serial, earlierCRL: number, laterCRL: after.number, reason: entry.reason)
                }
            }
        }
        guard filed == nil else { return CRLFiling(number: number, crl: nil, entries: []) }
        let record = FiledCRLRecord(
            stationID: info.stationID, number: number, thisUpdate: crl.thisUpdate, nextUpdate: crl.nextUpdate, der: Data(der), sm3: sm3,
            bundleSequence: info.sequence, entries: crl.entries.count)
        return CRLFiling(number: number, crl: record,
                         entries: crl.entries.map { FiledRevocationRecord($0, stationID: info.stationID, crlNumber: number) })
    }

    /// `der` read as a CRL issued and signed by the station CA `caCertificate`, complete (not a delta).
    static func stationCRL(_ der: [UInt8], caCertificate: [UInt8]) throws -> CertificateRevocationList {
        let crl: CertificateRevocationList
        do {
            crl = try CertificateRevocationList(derEncoded: der)
        } catch {
            throw BundleImportError.invalidCRL(reason: "\(error)")
        }
        let ca: Certificate
        do {
            ca = try Certificate(derEncoded: caCertificate)
        } catch {
            throw BundleImportError.crlNotByStation(reason: "the station CA certificate cannot be read (\(error))")
        }
        guard crl.isIssued(byNameOf: ca) else {
            throw BundleImportError.crlNotByStation(reason: "it is issued by \(crl.issuer), not by the station CA \(ca.subject) (name or key identifier differ)")
        }
        let signed: Bool
        do {
            signed = try crl.isSignatureValid(under: ca.publicKey)
        } catch {
            throw BundleImportError.crlNotByStation(reason: "its signature cannot be checked with the station CA's key (\(error))")
        }
        guard signed else { throw BundleImportError.crlNotByStation(reason: "its signature does not verify under the station CA's key") }
        guard crl.unhandledCriticalExtensions.isEmpty else {
            throw BundleImportError.invalidCRL(
                reason: "it has critical extensions this registry does not understand (\(crl.unhandledCriticalExtensions.joined(separator: ", "))); "
                    + "RFC 5280 forbids relying on it, and delta CRLs are not taken")
        }
        if let removal = crl.entries.first(where: { $0.reason == .removeFromCRL }) {
            throw BundleImportError.invalidCRL(
                reason: "certificate \(FiledRevocationRecord.serialHex(removal.serialNumber)) is listed with removeFromCRL, which only delta CRLs use")
        }
        return crl
    }

    /// The CRL's number, which orders the station's CRLs.
    static func number(of crl: CertificateRevocationList) throws -> Int64 {
        guard let bytes = crl.number else {
            throw BundleImportError.invalidCRL(reason: "it has no CRL number (RFC 5280 requires one; without it the station's CRLs cannot be ordered)")
        }
        guard let number = crl.numberValue else {
            throw BundleImportError.invalidCRL(reason: "its CRL number 0x\(Hex.encode(bytes)) is above 2^63−1, more than this registry keeps")
        }
        return number
    }
}
