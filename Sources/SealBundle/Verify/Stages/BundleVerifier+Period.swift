import Foundation
import SealAudit
import SealSES

extension BundleVerifier {
    /// Stage ``BundleCheck/period``: the audit records account for every filed seal, revocation and use, and the
    /// bag-info counts are theirs.
    static func checkPeriod(_ bundle: FilingBundle) -> VerificationReport.Check {
        BundleCheck.period.run {
            try verifyPeriod(bundle)
            return "\(bundle.seals.count) seals and \(bundle.uses.count) uses, each accounted for by the audit records"
        }
    }

    private static func verifyPeriod(_ bundle: FilingBundle) throws {
        var issued: [Int64: [String: String]] = [:], changed = Set<Int64>(), revoked: [Int64: (time: String, details: [String: String])] = [:]
        var signatures: [String] = [], signed: [String: [String: String]] = [:]
        for record in bundle.auditRecords {
            let id = AuditObject(record.object).sealID
            let details = AuditDetails.values(record.details) ?? [:]
            switch AuditAction(rawValue: record.action) {
            case .sealIssue: if let id { issued[id] = details }
            case .sealSupersede: if let id { changed.insert(id) }
            case .sealRevoke: if let id { revoked[id] = (record.time, details) }
            case .useSign:
                if let sm3 = details["signatureSM3"] {
                    signatures.append(sm3)
                    signed[sm3] = details
                }
            default: break
            }
        }
        let info = bundle.info
        guard info.sealsIssued == issued.count, info.sealsChanged == changed.count, info.sealsRevoked == revoked.count,
              info.uses == signatures.count
        else {
            throw FilingBundleError.inconsistent(
                "bag-info counts (issued \(info.sealsIssued), changed \(info.sealsChanged), revoked \(info.sealsRevoked), uses \(info.uses)) "
                    + "are not the audit records' (\(issued.count), \(changed.count), \(revoked.count), \(signatures.count))")
        }
        let filed = Dictionary(bundle.seals.map { ($0.filing.stationSealID, $0.filing) }, uniquingKeysWith: { first, _ in first })
        guard filed.count == bundle.seals.count else { throw FilingBundleError.inconsistent("two filed seals share a station seal id") }
        let named = Set(issued.keys).union(changed).union(revoked.keys)
        if let missing = named.subtracting(filed.keys).sorted().first {
            throw FilingBundleError.inconsistent("the audit records name seal:\(missing), which is not filed")
        }
        if let extra = Set(filed.keys).subtracting(named).sorted().first {
            throw FilingBundleError.inconsistent("seal \(filed[extra]!.esID) is filed but no audit record of the period names it")
        }
        for (id, details) in issued {
            let filing = filed[id]!
            guard details["esID"] == filing.esID, details["sealSM3"] == filing.sealSM3,
                  details["holderCertificateSM3"] == filing.holderCertificateSM3
            else {
                throw FilingBundleError.inconsistent("seal \(filing.esID) is not the seal its issue record names (esID, seal or holder certificate SM3 differ)")
            }
        }
        for id in changed where !["superseded", "revoked"].contains(filed[id]!.state) {
            throw FilingBundleError.inconsistent("seal \(filed[id]!.esID) was superseded in the period but is filed as \(filed[id]!.state)")
        }
        let revocations = Dictionary(bundle.revocations.map { ($0.esID, $0) }, uniquingKeysWith: { first, _ in first })
        guard revocations.count == bundle.revocations.count, Set(revocations.keys) == Set(revoked.keys.compactMap { filed[$0]?.esID }) else {
            throw FilingBundleError.inconsistent("data/revocations.json does not list exactly the seals revoked in the period")
        }
        for (id, record) in revoked {
            let filing = filed[id]!
            guard filing.state == "revoked", let revocation = revocations[filing.esID], filing.revokedAt == revocation.revokedAt,
                  filing.revokeReason == revocation.reason, record.details["reason"] == revocation.reason,
                  Self.sameSecond(record.time, revocation.revokedAt)
            else {
                throw FilingBundleError.inconsistent("the revocation of \(filing.esID) differs from its filing or from its audit record")
            }
        }
        guard signatures.sorted() == bundle.uses.map(\.signatureSM3).sorted() else {
            throw FilingBundleError.inconsistent("data/uses.json does not list exactly the uses the audit records name")
        }
        for use in bundle.uses {
            let details = signed[use.signatureSM3] ?? [:]
            guard details["documentSM3"] == use.documentSM3, details["document"] == use.documentName else {
                throw FilingBundleError.inconsistent("the use with signature \(use.signatureSM3.prefix(16))… differs from its audit record")
            }
        }
    }

    /// Whether the audit time text and `date` fall in the same second.
    private static func sameSecond(_ text: String, _ date: Date) -> Bool {
        guard let parsed = ISO8601DateFormatter().date(from: text) else { return false }
        return Int(parsed.timeIntervalSince1970) == Int(date.timeIntervalSince1970)
    }
}
