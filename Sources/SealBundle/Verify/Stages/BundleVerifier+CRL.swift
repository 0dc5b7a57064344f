import Foundation
import SealCrypto
import SealPKI
import SealSES

extension BundleVerifier {
    /// The CRL the bundle carries, read once for both CRL checks (a 100,000-entry CRL takes about 0.3 s to read);
    /// nil when it has none.
    static func readCRL(_ bundle: FilingBundle) -> Result<CertificateRevocationList, any Error>? {
        bundle.crl.map { der in Result { try CertificateRevocationList(derEncoded: der) } }
    }

    /// How far after the bundle's creation its CRL may be dated (the export issues it at the same instant).
    static let crlClockTolerance: TimeInterval = 300

    /// Stage ``BundleCheck/crl``: the station CA's CRL the bundle carries is signed by that CA, dated no later than
    /// the bundle, lists the holder certificate of every seal filed as revoked (注销) or changed (变更) and of no seal
    /// filed as valid, and does not list the seal maker that signed the bundle. Skipped for bundles from before CRLs.
    /// `carried` is the bundle's CRL as read (see ``readCRL(_:)``), nil when it has none.
    static func checkCRL(_ bundle: FilingBundle, carried: Result<CertificateRevocationList, any Error>?, station: VerifiedStation) -> VerificationReport.Check {
        guard let carried else {
            return BundleCheck.crl.skipped("the bundle carries no CRL (\(FilingBundle.crlPath): exported before CRLs existed)")
        }
        return BundleCheck.crl.run {
            let crl = try carried.get()
            let name = CRLSummary(crl).name
            guard crl.isIssued(byNameOf: station.certificate) else {
                throw FilingBundleError.inconsistent("the CRL is issued by \(crl.issuer), not the station CA \(station.certificate.subject)")
            }
            guard crl.unhandledCriticalExtensions.isEmpty else {
                throw FilingBundleError.inconsistent("\(name) has critical extensions SealStation does not write (\(crl.unhandledCriticalExtensions.joined(separator: ", ")))")
            }
            guard try crl.isSignatureValid(under: station.certificate.publicKey) else {
                throw FilingBundleError.inconsistent("\(name): the signature does not verify under the station CA's key")
            }
            guard crl.thisUpdate <= bundle.info.created.addingTimeInterval(crlClockTolerance) else {
                throw FilingBundleError.inconsistent("\(name) is dated \(TimeText.iso8601(crl.thisUpdate)), after the bundle (\(TimeText.iso8601(bundle.info.created)))")
            }
            if let entry = crl.entry(for: station.maker) {
                throw FilingBundleError.inconsistent(
                    "the seal maker that signed the bundle (\(station.maker.subject)) is on \(name): revoked \(TimeText.iso8601(entry.revocationDate)), \((entry.reason ?? .unspecified).name)")
            }
            var revoked = 0, changed = 0
            for seal in bundle.seals {
                let filing = seal.filing
                let holder = try Certificate(derEncoded: seal.holderCertificate)
                let entry = crl.entry(for: holder)
                switch filing.state {
                case "revoked", "superseded":
                    guard entry != nil else {
                        throw FilingBundleError.inconsistent("seal \(filing.esID) is filed as \(filing.state) but its holder certificate (serial \(Hex.encode(holder.serialNumber))) is not on \(name)")
                    }
                    if filing.state == "revoked" { revoked += 1 } else { changed += 1 }
                default:
                    if let entry {
                        throw FilingBundleError.inconsistent("seal \(filing.esID) is filed as \(filing.state) but \(name) revokes its holder certificate (\((entry.reason ?? .unspecified).name), \(TimeText.iso8601(entry.revocationDate)))")
                    }
                }
            }
            let next = crl.nextUpdate.map { ", next update \(TimeText.iso8601($0))" } ?? ""
            return "\(name): \(crl.entries.count) entr\(crl.entries.count == 1 ? "y" : "ies"), issued \(TimeText.iso8601(crl.thisUpdate))\(next); "
                + "lists the holder certificates of the \(revoked) revoked and \(changed) changed seal(s) filed, none of a valid seal's, not the seal maker"
        }
    }

    /// Check ``BundleCheck/revocation`` (with CRLs given): the seal maker that signed the bundle, on the station CA's
    /// CRLs (those given and the bundle's own) at the bundle's creation.
    func checkMakerRevocation(
        _ bundle: FilingBundle, carried: Result<CertificateRevocationList, any Error>?, station: VerifiedStation, revocation: RevocationChecker
    ) -> VerificationReport.Check {
        var crls = revocation.crls
        if let carried = try? carried?.get() { crls.append(carried) }
        let checker = RevocationChecker(crls: crls, requireCRL: revocation.requireCRL, now: revocation.now)
        let verdict = checker.verdict(for: [station.maker, station.certificate], at: bundle.info.created, moment: "the bundle's creation")
        let detail = verdict.details.joined(separator: "; ")
        switch verdict.outcome {
        case .valid: return BundleCheck.revocation.passed(detail)
        case .invalid: return BundleCheck.revocation.failed(detail)
        case .unknown: return revocation.requireCRL ? BundleCheck.revocation.failed(detail + " (a CRL is required: --require-crl)") : BundleCheck.revocation.skipped(detail)
        }
    }
}
