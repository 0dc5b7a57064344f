public import Foundation
public import GRDB

/// The SM3 the station accepted for one file of its shipped data (table `data_pin`): each seal template and the
/// PKCS#11 vendor profile file. `issue` draws only with templates whose bytes still hash to their pin, and the
/// station uses tokens only through the pinned vendor profiles; `templates pin` accepts a changed set on purpose.
public struct DataPinRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "data_pin"
    /// What is pinned: `template:<id>` or `vendor-profiles`.
    public var item: PinnedItem
    /// SM3 of the file's bytes, lower-case hex.
    public var sm3: String
    /// Where the file was read from when it was pinned.
    public var path: String
    /// When, and by whom (an administrator, or the upgrade that introduced pinning).
    public var pinnedAt: Date
    public var officer: String

    /// A pin of `item` to `sm3`.
    public init(item: PinnedItem, sm3: String, path: String, pinnedAt: Date, officer: String) {
        self.item = item
        self.sm3 = sm3
        self.path = path
        self.pinnedAt = pinnedAt
        self.officer = officer
    }
}
