import SealRegistry

/// What an operator applies for (申请): the unit, the seal kind (a rendering template), the holder for personal and
/// post seals, the physical seal's code, the reason and attachments.
public struct SealApplication: Sendable {
    public var unitName: String
    public var creditCode: String
    public var template: String
    public var useName: String?
    public var holderName: String?
    public var holderIDNumber: String?
    public var physicalCode: String?
    public var reason: String
    /// Attachments by file name.
    public var attachments: [(name: String, content: [UInt8])]
    /// For a change (变更): the seal this one replaces.
    public var replacesSealID: Int64?

    public init(
        unitName: String, creditCode: String, template: String, useName: String? = nil, holderName: String? = nil,
        holderIDNumber: String? = nil, physicalCode: String? = nil, reason: String,
        attachments: [(name: String, content: [UInt8])] = [], replacesSealID: Int64? = nil
    ) {
        self.unitName = unitName
        self.creditCode = creditCode
        self.template = template
        self.useName = useName
        self.holderName = holderName
        self.holderIDNumber = holderIDNumber
        self.physicalCode = physicalCode
        self.reason = reason
        self.attachments = attachments
        self.replacesSealID = replacesSealID
    }
}
