/// One file of the station's data compared with its pin (`sealstation templates show`).
public struct DataPinStatus: Sendable, Equatable, Encodable {
    /// How the file stands against the pin.
    public enum State: String, Sendable, Encodable {
        /// The file hashes to its pin.
        case pinned
        /// The file's bytes differ from the pinned SM3.
        case changed
        /// A file the station has not pinned (a template added since).
        case unpinned
        /// Pinned, but no longer present.
        case missing
    }

    /// The file's item and how it stands.
    public let item: PinnedItem
    public let state: State
    /// Where the file is now (or was when pinned, for a missing one).
    public let path: String
    /// The pinned SM3 (nil when unpinned) and the file's SM3 now (nil when missing), lower-case hex.
    public let pinnedSM3: String?
    public let currentSM3: String?

    public init(item: PinnedItem, state: State, path: String, pinnedSM3: String?, currentSM3: String?) {
        self.item = item
        self.state = state
        self.path = path
        self.pinnedSM3 = pinnedSM3
        self.currentSM3 = currentSM3
    }

    enum CodingKeys: String, CodingKey { case item, state, path, pinnedSM3, currentSM3 }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(item.rawValue, forKey: .item)
        try container.encode(state, forKey: .state)
        try container.encode(path, forKey: .path)
        try container.encode(pinnedSM3, forKey: .pinnedSM3)
        try container.encode(currentSM3, forKey: .currentSM3)
    }
}
