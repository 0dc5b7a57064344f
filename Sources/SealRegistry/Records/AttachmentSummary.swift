/// What the registry keeps about an application's attachment, without its content: the file name, the SM3 of the
/// content (hex) and its size in bytes.
public struct AttachmentSummary: Codable, Hashable, Sendable {
    public var name: String
    public var sm3: String
    public var bytes: Int

    public init(name: String, sm3: String, bytes: Int) {
        self.name = name
        self.sm3 = sm3
        self.bytes = bytes
    }
}
