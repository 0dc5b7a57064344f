public import Foundation
public import GRDB
public import SealPKI
public import SealSES

/// What a list of seals shows about each one (查询): the seal row without its SES_Seal, image and holder certificate,
/// read column by column. A page of the console's list is fifty of these; reading fifty whole ``SealRecord``s
/// would copy every seal's image out of the registry to show its name.
public struct SealListEntry: Sendable, Hashable, Identifiable, FetchableRecord {
    public var id: Int64
    public var esID: String
    public var name: String
    public var unitName: String
    public var creditCode: UnifiedSocialCreditCode
    public var kind: SealKind
    public var state: SealState
    public var validFrom: Date
    public var validTo: Date
    public var issuedAt: Date
    public var revokedAt: Date?

    /// The columns read from `seal`, in the order ``init(row:)`` reads them.
    static let columns = ["id", "esID", "name", "unitName", "creditCode", "kind", "state", "validFrom", "validTo", "issuedAt", "revokedAt"]

    /// The entry of a row of ``columns``.
    /// - Throws: `RowDecodingError` when a stored value fails its check (a damaged registry).
    public init(row: Row) throws {
        id = try row.decode(atIndex: 0)
        esID = try row.decode(atIndex: 1)
        name = try row.decode(atIndex: 2)
        unitName = try row.decode(atIndex: 3)
        creditCode = try row.decode(atIndex: 4)
        kind = try row.decode(atIndex: 5)
        state = try row.decode(atIndex: 6)
        validFrom = try row.decode(atIndex: 7)
        validTo = try row.decode(atIndex: 8)
        issuedAt = try row.decode(atIndex: 9)
        revokedAt = try row.decode(atIndex: 10)
    }
}
