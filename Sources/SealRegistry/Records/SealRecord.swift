public import Foundation
public import GRDB
public import SealPKI
public import SealSES

/// The states of an issued seal.
public enum SealState: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case issued, superseded, revoked
}

/// An issued seal (table `seal`): the SES_Seal DER, its image and the holder certificate. The holder's private key
/// is never here; it is in the custody target (an encrypted file for now).
public struct SealRecord: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "seal"
    public var id: Int64?
    public var applicationID: Int64
    public var esID: String
    public var name: String
    public var unitName: String
    public var creditCode: UnifiedSocialCreditCode
    /// 单位印章 or 个人印章 (schema v6-seal-kind; backfilled from the SES_Seal).
    public var kind: SealKind
    public var template: String
    public var state: SealState
    public var sealDER: Data
    public var imagePNG: Data
    public var holderCertificate: Data
    /// Where the holder key, certificate and seal were written.
    public var custody: KeyCustody
    public var validFrom: Date
    public var validTo: Date
    public var issuedBy: Int64
    public var issuedAt: Date
    public var replacesSealID: Int64?
    public var revokedAt: Date?
    public var revokeReason: String?

    public init(id: Int64? = nil, applicationID: Int64, esID: String, name: String, unitName: String, creditCode: UnifiedSocialCreditCode, kind: SealKind, template: String, state: SealState, sealDER: Data, imagePNG: Data, holderCertificate: Data, custody: KeyCustody, validFrom: Date, validTo: Date, issuedBy: Int64, issuedAt: Date, replacesSealID: Int64? = nil, revokedAt: Date? = nil, revokeReason: String? = nil) {
        self.id = id
        self.applicationID = applicationID
        self.esID = esID
        self.name = name
        self.unitName = unitName
        self.creditCode = creditCode
        self.kind = kind
        self.template = template
        self.state = state
        self.sealDER = sealDER
        self.imagePNG = imagePNG
        self.holderCertificate = holderCertificate
        self.custody = custody
        self.validFrom = validFrom
        self.validTo = validTo
        self.issuedBy = issuedBy
        self.issuedAt = issuedAt
        self.replacesSealID = replacesSealID
        self.revokedAt = revokedAt
        self.revokeReason = revokeReason
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The table's columns.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let esID = Column(CodingKeys.esID)
        public static let name = Column(CodingKeys.name)
        public static let creditCode = Column(CodingKeys.creditCode)
        public static let kind = Column(CodingKeys.kind)
        public static let state = Column(CodingKeys.state)
        public static let issuedAt = Column(CodingKeys.issuedAt)
    }
}
