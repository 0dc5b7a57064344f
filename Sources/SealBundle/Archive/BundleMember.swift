/// One member of a bundle archive as the verifier reads it: its path in the bag and its bytes, held or left in the
/// file (``BundleBytes``).
public struct BundleMember: Sendable {
    public var path: String
    public var bytes: BundleBytes

    public init(path: String, bytes: BundleBytes) {
        self.path = path
        self.bytes = bytes
    }

    /// A member held in memory.
    public init(_ file: BagItBag.File) {
        self.init(path: file.path, bytes: BundleBytes(file.bytes))
    }

    /// Whether the one-pass reader leaves this member in the file: a seal's own files (`seal.sel`, `seal.svg`,
    /// `seal.png`), which make up nearly all of a bundle and are each needed by one seal's checks and its import.
    static func isLeftInFile(_ path: String) -> Bool {
        path.hasPrefix("data/seals/") && (path.hasSuffix("/seal.sel") || path.hasSuffix("/seal.svg") || path.hasSuffix("/seal.png"))
    }
}
