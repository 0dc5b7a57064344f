import Foundation
import GRDB
import SealCrypto
import SealPKI

/// Migration v7-revocation's backfill: the holder certificate of every seal revoked or changed before CRLs gets its
/// revocation row, so the first CRL lists it. A seal that a change replaced is `superseded` at the replacing seal's
/// issue time (even when it was revoked later: its certificate went out of use when it was replaced, as a change made
/// now records it); any other revoked seal is `cessationOfOperation` at its revocation time. Rows go in in date
/// order; the officer is the one the seal's supersede or revoke audit record names.
enum RevocationBackfill {
    static func run(_ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT s.id, s.state, s.holderCertificate, s.revokedAt, r.issuedAt AS replacedAt,
                (SELECT officer FROM audit WHERE object = 'seal:' || s.id AND action = 'seal.supersede' ORDER BY seq LIMIT 1) AS supersededBy,
                (SELECT officer FROM audit WHERE object = 'seal:' || s.id AND action = 'seal.revoke' ORDER BY seq LIMIT 1) AS revokedBy
            FROM seal s
            LEFT JOIN seal r ON r.id = (SELECT MIN(id) FROM seal WHERE replacesSealID = s.id)
            WHERE s.state IN ('revoked', 'superseded')
            """)
        var revocations: [CertificateRevocationRecord] = []
        for row in rows {
            let id: Int64 = row["id"], der: Data = row["holderCertificate"]
            let reason: CRLReason, revokedAt: Date, officer: String?
            if let replacedAt: Date = row["replacedAt"] {
                (reason, revokedAt, officer) = (.superseded, replacedAt, row["supersededBy"])
            } else if let at: Date = row["revokedAt"] {
                (reason, revokedAt, officer) = (.cessationOfOperation, at, row["revokedBy"])
            } else {
                throw RegistryError.damagedValue(
                    table: "seal", id: id, column: "revokedAt", value: "NULL",
                    reason: "the seal is \(row["state"] as String? ?? "?") but neither its revocation time nor a replacing seal is recorded")
            }
            guard let certificate = try? Certificate(derEncoded: Array(der)) else {
                throw RegistryError.damagedValue(
                    table: "seal", id: id, column: "holderCertificate", value: "\(der.count) bytes",
                    reason: "it is not an X.509 certificate, so it cannot be put on the CRL")
            }
            revocations.append(CertificateRevocationRecord(
                certificate: certificate, sealID: id, role: .holder, revokedAt: revokedAt, reason: reason, invalidityDate: nil,
                officer: officer ?? "sealstation (upgrade)"))
        }
        for var revocation in revocations.sorted(by: { ($0.revokedAt, $0.sealID!) < ($1.revokedAt, $1.sealID!) }) {
            try revocation.insert(db)
        }
    }
}
