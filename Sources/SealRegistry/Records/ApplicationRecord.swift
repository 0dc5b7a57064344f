public import Foundation
public import GRDB
public import SealPKI

/// The states of an application (申请).
public enum ApplicationState: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case applied, approved, rejected, issued
}

/// A seal application (table `application`).
public struct ApplicationRecord: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "application"
    public var id: Int64?
    public var unitName: String
    public var creditCode: UnifiedSocialCreditCode
    /// The rendering template (seal kind).
    public var template: String
    /// Text shown by the seal besides the unit name (use name of a 专用章), if any.
    public var useName: String?
    /// For personal and post seals: the holder's name and 公民身份号码.
    public var holderName: String?
    public var holderIDNumber: ResidentIdentityNumber?
    /// The physical seal's 13-digit code.
    public var physicalCode: String?
    public var reason: String
    public var state: ApplicationState
    public var applicantID: Int64
    public var deciderID: Int64?
    public var decisionNote: String?
    public var decidedAt: Date?
    /// For a change (变更): the seal this application replaces.
    public var replacesSealID: Int64?
    public var createdAt: Date

    public init(id: Int64? = nil, unitName: String, creditCode: UnifiedSocialCreditCode, template: String, useName: String? = nil, holderName: String? = nil, holderIDNumber: ResidentIdentityNumber? = nil, physicalCode: String? = nil, reason: String, state: ApplicationState, applicantID: Int64, deciderID: Int64? = nil, decisionNote: String? = nil, decidedAt: Date? = nil, replacesSealID: Int64? = nil, createdAt: Date) {
        self.id = id
        self.unitName = unitName
        self.creditCode = creditCode
        self.template = template
        self.useName = useName
        self.holderName = holderName
        self.holderIDNumber = holderIDNumber
        self.physicalCode = physicalCode
        self.reason = reason
        self.state = state
        self.applicantID = applicantID
        self.deciderID = deciderID
        self.decisionNote = decisionNote
        self.decidedAt = decidedAt
        self.replacesSealID = replacesSealID
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The table's columns.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let creditCode = Column(CodingKeys.creditCode)
        public static let state = Column(CodingKeys.state)
        public static let applicantID = Column(CodingKeys.applicantID)
    }
}

/// An attachment of an application, stored by SM3 digest (table `attachment`).
public struct AttachmentRecord: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "attachment"
    public var id: Int64?
    public var applicationID: Int64
    public var name: String
    public var sm3: String
    public var content: Data

    public init(id: Int64? = nil, applicationID: Int64, name: String, sm3: String, content: Data) {
        self.id = id
        self.applicationID = applicationID
        self.name = name
        self.sm3 = sm3
        self.content = content
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The table's columns.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let applicationID = Column(CodingKeys.applicationID)
        public static let name = Column(CodingKeys.name)
        public static let sm3 = Column(CodingKeys.sm3)
        public static let content = Column(CodingKeys.content)
    }
}
