/// What is shown about an application's attachment: its file name, the SM3 of its content (hex) and its size.
public struct AttachmentRow: Encodable, Sendable, Hashable {
    public var name: String
    public var sm3: String
    public var bytes: Int

    public init(name: String, sm3: String, bytes: Int) {
        self.name = name
        self.sm3 = sm3
        self.bytes = bytes
    }
}
