public import Foundation
public import SealCrypto
import SealPKI
public import SealRegistry

extension Station {
    /// The CRL reasons 注销 accepts (and a maker renewal): certificateHold is refused (a hold would have to be
    /// released with removeFromCRL, which this station does not do: a revocation is final), removeFromCRL belongs to
    /// delta CRLs only, and cACompromise and aACompromise are about authorities, not a seal's or maker's certificate.
    public static let acceptedCRLReasons: [CRLReason] = [
        .unspecified, .keyCompromise, .affiliationChanged, .superseded, .cessationOfOperation, .privilegeWithdrawn,
    ]

    /// The longest CRL window: a CRL's nextUpdate is 1…366 days after its thisUpdate.
    public static let crlNextUpdateDays = 1...366

    // MARK: - 注销 (revoke)

    /// Revokes an issued (or superseded) seal, with a reason; approvers only. Its holder certificate goes on the
    /// station's revocation list with `crlReason` (cessationOfOperation unless the officer says otherwise, one of
    /// ``acceptedCRLReasons``) and `invalidityDate` (when the key stopped being trustworthy; not after `now`), so the
    /// next CRL lists it.
    public func revoke(
        by officer: OfficerRecord, sealID: Int64, reason: String, crlReason: CRLReason = .cessationOfOperation,
        invalidityDate: Date? = nil, now: Date
    ) throws -> SealRecord {
        try require(officer, .approver, to: "revoke seals")
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw RegistryError.invalidInput(field: "reason", reason: "empty") }
        try Self.checkRevocation(crlReason, invalidityDate: invalidityDate, now: now)
        return try database.revokeSeal(sealID, reason: reason, crlReason: crlReason, invalidityDate: invalidityDate, by: officer.name, now: now)
    }

    static func checkRevocation(_ reason: CRLReason, invalidityDate: Date?, now: Date) throws {
        guard acceptedCRLReasons.contains(reason) else {
            throw RegistryError.invalidInput(
                field: "CRL reason",
                reason: "\(reason.name) (\(reason.chineseName)) is not a reason to revoke a seal's or maker's certificate here; use one of "
                    + acceptedCRLReasons.map(\.name).joined(separator: ", "))
        }
        if let invalidityDate, invalidityDate > now {
            throw RegistryError.invalidInput(
                field: "invalidity date", reason: "\(invalidityDate.formatted(.iso8601)) is after the revocation (\(now.formatted(.iso8601)))")
        }
    }

    // MARK: - CRLs

    /// Issues the station CA's next CRL (administrators): every certificate on the revocation list, numbered one
    /// after the last CRL, valid for `nextUpdateDays` (1…366), signed with the CA key unlocked by `stationPassphrase`,
    /// and recorded with its `crl.issue` audit record in one transaction under the station lock.
    public func issueCRL(
        by officer: OfficerRecord, stationPassphrase: SecretBytes, nextUpdateDays: Int = 7, now: Date = Date()
    ) throws -> CertificateRevocationList {
        try require(officer, .administrator, to: "issue CRLs")
        try Self.checkNextUpdateDays(nextUpdateDays)
        let caKey = try ca.unlockKey(passphrase: stationPassphrase)
        return try withExclusiveLock {
            var issued: CertificateRevocationList?
            _ = try database.issueCRL(by: officer.name, caKey: caKey, now: now) { draft in
                let (crl, record) = try makeCRL(draft, caKey: caKey, nextUpdateDays: nextUpdateDays, officer: officer.name, now: now)
                issued = crl
                return record
            }
            return issued!
        }
    }

    static func checkNextUpdateDays(_ days: Int) throws {
        guard crlNextUpdateDays.contains(days) else {
            throw RegistryError.invalidInput(
                field: "next update days", reason: "\(days) is not \(crlNextUpdateDays.lowerBound)…\(crlNextUpdateDays.upperBound)")
        }
    }

    /// The CRL of `draft` (its number and entries), signed with `caKey`, and its registry record.
    func makeCRL(
        _ draft: CRLDraft, caKey: PrivateKey, nextUpdateDays: Int, officer: String, now: Date
    ) throws -> (CertificateRevocationList, CRLRecord) {
        let crl = try CertificateRevocationList.issue(
            issuer: ca.certificate, signer: caKey, number: Self.crlNumberBytes(draft.number), thisUpdate: now,
            nextUpdate: now.addingTimeInterval(TimeInterval(nextUpdateDays) * 86_400),
            entries: try draft.revocations.map { try $0.revokedCertificate() })
        let record = CRLRecord(
            number: draft.number, thisUpdate: crl.thisUpdate, nextUpdate: crl.nextUpdate ?? crl.thisUpdate, entries: crl.entries.count,
            der: Data(crl.derEncoded), sm3: Hex.encode(crl.fingerprint), officer: officer, issuedAt: now)
        return (crl, record)
    }

    /// `number` as the big-endian bytes of a cRLNumber.
    static func crlNumberBytes(_ number: Int64) -> [UInt8] {
        var value = UInt64(max(number, 0)), bytes: [UInt8] = []
        repeat {
            bytes.insert(UInt8(value & 0xff), at: 0)
            value >>= 8
        } while value > 0
        return bytes
    }

    /// The CRLs the station issued, in number order.
    public func crls() throws -> [CRLRecord] {
        try database.crls()
    }

    /// The certificates on the station's revocation list, in revocation order.
    public func revocations() throws -> [CertificateRevocationRecord] {
        try database.revocations()
    }
}
