/// The integrity of one file a signature protects: its digest compared with the value the signature holds.
public struct ReferenceCheck: Sendable, Codable, Equatable, Hashable {
    /// The outcome for one file.
    public enum Status: String, Sendable, Codable {
        /// The file is present and its digest matches.
        case ok
        /// The file is present but differs from what was signed.
        case changed
        /// The file the signature names is not in the document.
        case missing
    }

    /// The file's path in the package, absolute (`/Doc_0/Document.xml`).
    public var file: String
    public var status: Status

    /// The outcome for `file`.
    public init(file: String, status: Status) {
        self.file = file
        self.status = status
    }
}
