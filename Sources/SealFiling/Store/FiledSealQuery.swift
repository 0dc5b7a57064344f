import Foundation

/// Which filed seals to list: a unit's (by 统一社会信用代码) and/or one esID.
public struct FiledSealQuery: Sendable, Equatable {
    /// Upper-case, as filed.
    public var creditCode: String?
    /// One seal, by its esID.
    public var esID: String?

    /// Normalises what was typed: surrounding spaces dropped, the code upper-cased (GB 32100 codes are filed in upper
    /// case, and the station accepts them in either).
    public init(creditCode: String? = nil, esID: String? = nil) {
        self.creditCode = creditCode.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        self.esID = esID.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
