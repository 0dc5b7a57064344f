public import Foundation
public import GRDB
public import SealCrypto
public import SealPKI

/// One certificate the station CA issued and revoked (table `certificate_revocation`, schema v7-revocation): a seal's
/// holder certificate at 注销 (cessationOfOperation, or the reason the officer gives) or at 变更 (superseded), or a
/// seal-maker certificate replaced for a compromised key. Every CRL the station issues lists every row, in id order.
public struct CertificateRevocationRecord: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "certificate_revocation"
    public var id: Int64?
    /// The seal whose holder certificate this is; nil for a seal-maker certificate.
    public var sealID: Int64?
    /// `.holder` or `.maker`.
    public var role: CertificateRole
    /// The certificate's serial number, lower-case hex of its DER INTEGER content bytes (as `Hex.encode` writes).
    public var serialNumber: String
    /// SM3 of the certificate's DER, lower-case hex.
    public var certificateSM3: String
    /// The certificate's subject, for people.
    public var subject: String
    public var revokedAt: Date
    public var reasonCode: CRLReason
    /// When the officer says the key or certificate stopped being trustworthy (RFC 5280 invalidityDate).
    public var invalidityDate: Date?
    /// The officer who revoked it.
    public var officer: String

    public init(
        id: Int64? = nil, sealID: Int64?, role: CertificateRole, serialNumber: String, certificateSM3: String, subject: String,
        revokedAt: Date, reasonCode: CRLReason, invalidityDate: Date? = nil, officer: String
    ) {
        self.id = id
        self.sealID = sealID
        self.role = role
        self.serialNumber = serialNumber
        self.certificateSM3 = certificateSM3
        self.subject = subject
        self.revokedAt = revokedAt
        self.reasonCode = reasonCode
        self.invalidityDate = invalidityDate
        self.officer = officer
    }

    /// The row for `certificate`, revoked by `officer` at `revokedAt`.
    public init(
        certificate: Certificate, sealID: Int64?, role: CertificateRole, revokedAt: Date, reason: CRLReason, invalidityDate: Date?,
        officer: String
    ) {
        self.init(
            sealID: sealID, role: role, serialNumber: Hex.encode(certificate.serialNumber), certificateSM3: Hex.encode(certificate.fingerprint),
            subject: certificate.subject.description, revokedAt: revokedAt, reasonCode: reason, invalidityDate: invalidityDate,
            officer: officer)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The CRL entry of this row.
    /// - Throws: `RegistryError.damagedValue` when the stored serial number is not hex.
    public func revokedCertificate() throws -> RevokedCertificate {
        guard let serial = Hex.decode(serialNumber), !serial.isEmpty else {
            throw RegistryError.damagedValue(
                table: Self.databaseTableName, id: id ?? 0, column: "serialNumber", value: serialNumber, reason: "not hexadecimal")
        }
        return RevokedCertificate(serialNumber: serial, revocationDate: revokedAt, reason: reasonCode, invalidityDate: invalidityDate)
    }

    /// The table's columns.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let sealID = Column(CodingKeys.sealID)
        public static let certificateSM3 = Column(CodingKeys.certificateSM3)
        public static let role = Column(CodingKeys.role)
    }
}
