import Foundation

/// Which filed seals to list: a unit's (by 统一社会信用代码), one esID, seals by name or state, a page at a time.
public struct FiledSealQuery: Sendable, Equatable {
    /// Upper-case, as filed.
    public var creditCode: String?
    /// One seal, by its esID.
    public var esID: String?
    /// Seals whose name (印章名称) contains this text.
    public var nameContains: String?
    /// Seals in this state (issued, revoked, superseded…).
    public var state: String?
    /// At most this many seals (nil: all).
    public var limit: Int?
    /// The seals before these many are skipped (in the list's order).
    public var offset: Int

    /// Normalises what was typed: surrounding spaces dropped, the code upper-cased (GB 32100 codes are filed in upper
    /// case, and the station accepts them in either).
    public init(creditCode: String? = nil, esID: String? = nil, nameContains: String? = nil, state: String? = nil, limit: Int? = nil,
                offset: Int = 0) {
        self.creditCode = creditCode.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        self.esID = esID.map { $0.trimmingCharacters(in: .whitespaces) }
        self.nameContains = nameContains.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        self.state = state.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        self.limit = limit.map { max(0, $0) }
        self.offset = max(0, offset)
    }

    /// ``nameContains`` as a LIKE pattern (`%text%`, its own `%`, `_` and `\\` escaped by a backslash).
    public var namePattern: String? {
        nameContains.map {
            "%" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
        }
    }
}
