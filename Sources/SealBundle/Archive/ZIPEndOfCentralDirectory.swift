public import Foundation

// end of central dir signature    4 bytes  (0x06054b50)
// number of this disk             2 bytes
// disk where central directory starts 2 bytes
// number of central directory records on this disk 2 bytes
// total number of central directory records 2 bytes
// size of central directory (bytes) 4 bytes
// offset of start of central directory 4 bytes
// comment length                  2 bytes
// comment                         (variable)                 (APPNOTE.TXT 6.3.10 §4.3.16)
/// A ZIP archive's end of central directory record, found by reading only the file's tail (at most 65,535 + 22
/// bytes, the longest record with its comment): how a bundle's member count and layout are checked before anything
/// else is read, so that a file that is not a ZIP, or one announcing too many members, is refused at once whatever
/// its size.
public struct ZIPEndOfCentralDirectory: Sendable, Equatable {
    /// The record's size without its comment.
    public static let size = 22
    /// How much of a file's end can hold the record: the record and the longest comment.
    public static let maximumTail = 65_535 + size
    static let signature: [UInt8] = [0x50, 0x4B, 0x05, 0x06]

    /// Central directory records (members, directories included).
    public var entries: Int
    /// The central directory's size and offset in the file.
    public var centralDirectorySize: Int
    public var centralDirectoryOffset: Int
    /// Where the record starts in the file.
    public var offset: Int
    public var commentLength: Int

    /// The record of the file at `url`, reading only its tail.
    /// - Throws: `BundleArchiveError.notZIP` naming the file when no consistent record is found.
    public init(contentsOf url: URL, name: String) throws {
        // Only a regular file has an end to seek to: a device or a pipe would be read for ever.
        guard (try? FileManager.default.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType) == .typeRegular else {
            throw BundleArchiveError.unreadable("\(name) is not a regular file")
        }
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw BundleArchiveError.unreadable("\(name) cannot be read")
        }
        defer { try? handle.close() }
        let size: UInt64
        let tail: [UInt8]
        do {
            size = try handle.seekToEnd()
            let start = size > UInt64(Self.maximumTail) ? size - UInt64(Self.maximumTail) : 0
            try handle.seek(toOffset: start)
            tail = Array(try handle.readToEnd() ?? Data())
        } catch {
            throw BundleArchiveError.unreadable("\(name) cannot be read")
        }
        guard size <= UInt64(Int.max) else { throw BundleArchiveError.notZIP(name) }
        try self.init(tail: tail, fileSize: Int(size), name: name)
    }

    /// The record of archive bytes `data` (from its tail only).
    public init(data: Data, name: String) throws {
        let start = max(0, data.count - Self.maximumTail)
        try self.init(tail: Array(data[(data.startIndex + start)...]), fileSize: data.count, name: name)
    }

    /// The record in `tail`, the last bytes of a `fileSize`-byte file. The last signature at least 22 bytes before the
    /// end is taken (as ZIPFoundation, which reads the archive afterwards, takes it); its comment must end the file, its
    /// central directory must lie before it, and single-disk, non-ZIP64 fields are required (SealStation bundles are
    /// under 2 GiB and 65,535 members, so they never need ZIP64).
    init(tail: [UInt8], fileSize: Int, name: String) throws {
        guard tail.count >= Self.size, tail.count <= fileSize else { throw BundleArchiveError.notZIP(name) }
        var position = tail.count - Self.size
        while true {
            if tail[position] == 0x50, tail[position + 1] == 0x4B, tail[position + 2] == 0x05, tail[position + 3] == 0x06 { break }
            guard position > 0 else { throw BundleArchiveError.notZIP(name) }
            position -= 1
        }
        func field(_ at: Int, _ width: Int) -> Int {
            (0..<width).reduce(0) { $0 | Int(tail[position + at + $1]) << (8 * $1) }
        }
        let disk = field(4, 2), centralDisk = field(6, 2), onDisk = field(8, 2), total = field(10, 2)
        let cdSize = field(12, 4), cdOffset = field(16, 4), comment = field(20, 2)
        let recordOffset = fileSize - tail.count + position
        guard position + Self.size + comment == tail.count else {
            throw BundleArchiveError.damagedEndRecord(name, "its comment length does not reach the end of the file")
        }
        guard total != 0xFFFF, cdSize != 0xFFFF_FFFF, cdOffset != 0xFFFF_FFFF else {
            throw BundleArchiveError.damagedEndRecord(name, "it uses ZIP64 extensions, which bundles never need")
        }
        guard disk == 0, centralDisk == 0, onDisk == total else {
            throw BundleArchiveError.damagedEndRecord(name, "it spans several disks")
        }
        // All values are at most 32 bits: the sum cannot overflow Int.
        guard cdOffset + cdSize <= recordOffset, cdSize >= total * 46 else {
            throw BundleArchiveError.damagedEndRecord(name, "its central directory (\(cdSize) bytes at \(cdOffset)) does not fit before the record at \(recordOffset)")
        }
        entries = total
        centralDirectorySize = cdSize
        centralDirectoryOffset = cdOffset
        offset = recordOffset
        commentLength = comment
    }
}
