/// A bundle member's bytes: held in memory, or left in the bundle file (``ArchiveFile``) after the one pass that
/// checked and hashed them, and read again only when a stage needs them — so a bundle's seals are never all in
/// memory at once.
public struct BundleBytes: Sendable {
    enum Storage: Sendable {
        case held([UInt8])
        case archived(ArchiveFile, offset: Int)
    }

    let storage: Storage
    /// The number of bytes.
    public let count: Int

    /// Bytes held in memory.
    public init(_ bytes: [UInt8]) {
        storage = .held(bytes)
        count = bytes.count
    }

    /// `count` bytes of `file` at `offset`.
    init(_ file: ArchiveFile, offset: Int, count: Int) {
        storage = .archived(file, offset: offset)
        self.count = count
    }

    /// The bytes, read from the bundle file when they were left there.
    /// - Throws: ``BundleArchiveError/unreadable(_:)`` when the file changed since it was verified or cannot be read.
    public func read() throws -> [UInt8] {
        switch storage {
        case .held(let bytes): return bytes
        case .archived(let file, let offset): return try file.read(offset: offset, count: count)
        }
    }

    /// The bytes when they are held in memory; nil when they are left in the file.
    public var held: [UInt8]? {
        if case .held(let bytes) = storage { return bytes }
        return nil
    }
}
