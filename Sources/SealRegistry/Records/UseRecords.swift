public import Foundation
public import GRDB

/// The states of a use request (用印申请).
public enum UseRequestState: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case requested, approved, rejected, exhausted
}

/// A request to use a seal `count` times (table `use_request`); approval works like a physical seal (第八条).
public struct UseRequestRecord: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "use_request"
    public var id: Int64?
    public var sealID: Int64
    public var reason: String
    public var count: Int
    public var used: Int
    public var state: UseRequestState
    public var requesterID: Int64
    public var approverID: Int64?
    public var requestedAt: Date
    public var decidedAt: Date?

    public init(id: Int64? = nil, sealID: Int64, reason: String, count: Int, used: Int, state: UseRequestState, requesterID: Int64, approverID: Int64? = nil, requestedAt: Date, decidedAt: Date? = nil) {
        self.id = id
        self.sealID = sealID
        self.reason = reason
        self.count = count
        self.used = used
        self.state = state
        self.requesterID = requesterID
        self.approverID = approverID
        self.requestedAt = requestedAt
        self.decidedAt = decidedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The table's columns.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let sealID = Column(CodingKeys.sealID)
        public static let count = Column(CodingKeys.count)
        public static let used = Column(CodingKeys.used)
        public static let state = Column(CodingKeys.state)
    }
}

/// One use of a seal (table `use_log`): date, reason, approver, count and the document's SM3 (第十条).
public struct UseLogRecord: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "use_log"
    public var id: Int64?
    public var useRequestID: Int64
    public var sealID: Int64
    public var usedAt: Date
    public var reason: String
    public var approverID: Int64
    public var officerID: Int64
    public var count: Int
    public var documentName: String
    public var documentSM3: String
    public var signatureSM3: String
    /// For a seal stamped into a document (OFD, PDF): the SM3 of the stamped document, lower-case hex.
    public var stampedSM3: String?
    /// For a stamp: where the seal appears ("page 1: 84 229 42 42 mm"; one part per page for a riding seal).
    public var placement: String?
    /// For a stamp: the signature's identifier in the document (OFD Signature ID, PDF field name).
    public var documentSignatureID: String?

    public init(id: Int64? = nil, useRequestID: Int64, sealID: Int64, usedAt: Date, reason: String, approverID: Int64, officerID: Int64, count: Int, documentName: String, documentSM3: String, signatureSM3: String, stamp: UseStamp? = nil) {
        self.id = id
        self.useRequestID = useRequestID
        self.sealID = sealID
        self.usedAt = usedAt
        self.reason = reason
        self.approverID = approverID
        self.officerID = officerID
        self.count = count
        self.documentName = documentName
        self.documentSM3 = documentSM3
        self.signatureSM3 = signatureSM3
        stampedSM3 = stamp?.stampedSM3
        placement = stamp?.placement
        documentSignatureID = stamp?.signatureID
    }

    /// What the log records of a stamp, when the use stamped a document.
    public var stamp: UseStamp? {
        guard let stampedSM3, let placement, let documentSignatureID else { return nil }
        return UseStamp(stampedSM3: stampedSM3, placement: placement, signatureID: documentSignatureID)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The table's columns.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let sealID = Column(CodingKeys.sealID)
    }
}
