/// One file of the station's data (a template, the vendor profile file) as read now, with the SM3 of its bytes.
public struct StationDataFile: Sendable, Equatable {
    public var item: PinnedItem
    public var path: String
    /// Lower-case hex.
    public var sm3: String

    public init(item: PinnedItem, path: String, sm3: String) {
        self.item = item
        self.path = path
        self.sm3 = sm3
    }
}
