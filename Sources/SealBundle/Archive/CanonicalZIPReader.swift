import Dispatch
import Foundation
import SealCrypto
import ZIPFoundation

/// Reads a bundle file in SealStation's canonical form (``CanonicalZIP``) in one sequential pass: every byte of the
/// file is read once, fed to the file's SM3 and compared with the canonical form (each local header, the central
/// directory and the end record are the bytes ``CanonicalZIP`` writes for the members the central directory lists),
/// and each member's bytes are hashed as they arrive for the BagIt manifests (SHA-256 and SM3) and their CRC-32
/// checked. The small members are kept in memory; a seal's own files (``BundleMember/isLeftInFile(_:)``), nearly all
/// of a bundle, are left in the file, which stays open (``ArchiveFile``), and read again by the stage that needs
/// them: peak memory does not grow with the bundle beyond its members' metadata. The SM3 of the file runs beside the
/// rest, on a second core, chunk by chunk; the reading buffer is 4 MiB.
///
/// Anything that is not canonical (a compressed member, a directory entry, a header, size or CRC that differs) ends
/// the pass with `nil`: ``BundleArchive`` then reads the file through ZIPFoundation as it reads repacked bundles, to
/// say what the content is and that the archive is not canonical.
enum CanonicalZIPReader {
    /// What one pass read.
    struct Contents {
        var members: [BundleMember]
        /// Every member's SHA-256 and SM3 (lower-case hex), by path.
        var digests: [String: [DigestAlgorithm: String]]
        /// SM3 (hex) of the whole file.
        var sm3: String
    }

    /// The bytes of the file between two points, as the canonical form lays them out.
    fileprivate enum Segment {
        /// A local header (the member's index): compared with the canonical one.
        case header(Int)
        /// A member's bytes.
        case data(Int)
        /// The central directory and the end record: compared with the canonical ones.
        case trailer
    }

    static let chunkSize = 4 << 20

    /// Reads `url` (`size` bytes, its end record already checked against `limits`); nil when it is not canonical.
    /// - Throws: ``BundleArchiveError`` for an unsafe, duplicate or oversized member, a link, too many members, or
    ///   a file that cannot be read.
    static func read(_ url: URL, size: Int, name: String, limits: BundleArchive.Limits) throws -> Contents? {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw BundleArchiveError.notZIP(name)
        }
        // The members as the central directory lists them, with every check of BundleArchive.members.
        var members: [CanonicalZIP.Member] = []
        var paths: [String] = []
        var seen = Set<String>()
        var total = 0
        for entry in archive {
            guard members.count < limits.members else { throw BundleArchiveError.tooManyMembers(name, count: members.count + 1, limit: limits.members) }
            switch entry.type {
            case .symlink: throw BundleArchiveError.link(entry.path)
            case .directory: return nil  // the canonical form has none
            case .file: break
            }
            let path = entry.path
            try BundleArchive.checkPath(path)
            guard seen.insert(path).inserted else { throw BundleArchiveError.duplicateMember(path) }
            guard entry.uncompressedSize <= UInt64(limits.memberBytes) else { throw BundleArchiveError.memberTooLarge(path, limit: limits.memberBytes) }
            guard !entry.isCompressed, entry.compressedSize == entry.uncompressedSize else { return nil }
            let memberSize = Int(entry.uncompressedSize)
            total += memberSize
            guard total <= limits.totalBytes else { throw BundleArchiveError.totalTooLarge(limit: limits.totalBytes) }
            members.append(CanonicalZIP.Member(name: Array(path.utf8), crc: Int(entry.checksum), size: memberSize))
            paths.append(path)
        }
        guard members.count <= CanonicalZIP.maximumEntries else { return nil }

        // The canonical layout of those members: header, bytes, header, bytes…, then the trailer.
        let stamp = CanonicalZIP.dosDateTime(BundleArchive.fixedDate)
        var segments: [(segment: Segment, length: Int)] = []
        segments.reserveCapacity(2 * members.count + 1)
        var trailer: [UInt8] = []
        var offset = 0
        var dataOffsets: [Int] = []
        dataOffsets.reserveCapacity(members.count)
        for (index, member) in members.enumerated() {
            guard offset < 0xFFFF_FFFF else { return nil }
            CanonicalZIP.appendCentralRecord(member, offset: offset, stamp: stamp, to: &trailer)
            segments.append((.header(index), 30 + member.name.count))
            segments.append((.data(index), member.size))
            dataOffsets.append(offset + 30 + member.name.count)
            offset += 30 + member.name.count + member.size
        }
        let centralSize = trailer.count
        CanonicalZIP.appendEndRecord(entries: members.count, centralSize: centralSize, centralOffset: offset, to: &trailer)
        segments.append((.trailer, trailer.count))
        guard offset + trailer.count == size else { return nil }

        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw BundleArchiveError.unreadable("\(url.path) cannot be read: \(ParseProblem.describe(error))")
        }
        defer { try? handle.close() }
        // Opened before the pass: a file changed after this point is refused when its members are read again.
        let file = try ArchiveFile(url)
        let pass = try Pass(members: members, segments: segments, trailer: trailer, stamp: stamp, leftInFile: paths.map(BundleMember.isLeftInFile))
        let fileSM3 = try ReusableHasher(.sm3)
        fileSM3.begin()
        nonisolated(unsafe) let hasher = fileSM3
        var read = 0
        while read < size {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: min(chunkSize, size - read)) ?? Data()
            } catch {
                throw BundleArchiveError.unreadable("\(url.path) cannot be read: \(ParseProblem.describe(error))")
            }
            guard !chunk.isEmpty else { throw BundleArchiveError.unreadable("\(url.path) ended after \(read) of its \(size) bytes while it was read") }
            read += chunk.count
            // The file's SM3 on one core while the other lays the chunk out into members.
            DispatchQueue.concurrentPerform(iterations: 2) { worker in
                if worker == 0 {
                    chunk.withUnsafeBytes { hasher.update($0) }
                } else {
                    pass.consume(chunk)
                }
            }
            guard pass.canonical else { return nil }
        }
        guard pass.current == segments.count, !pass.failed, zip(pass.crcs, members).allSatisfy({ Int($0) == $1.crc }) else { return nil }
        let bundleMembers = paths.indices.map { index in
            BundleMember(path: paths[index], bytes: pass.leftInFile[index]
                ? BundleBytes(file, offset: dataOffsets[index], count: members[index].size) : BundleBytes(pass.contents[index]))
        }
        var digests: [String: [DigestAlgorithm: String]] = [:]
        for (path, digest) in zip(paths, pass.digests) { digests[path] = digest }
        return Contents(members: bundleMembers, digests: digests, sm3: Hex.encode(try fileSM3.finish()))
    }
}

/// The state of one pass: where in the canonical layout the next byte falls, the bytes of the members kept in memory,
/// every member's CRC and digests so far, and whether every byte so far was canonical. Used by one thread at a time
/// (the chunk's second worker).
private final class Pass: @unchecked Sendable {
    let members: [CanonicalZIP.Member]
    let segments: [(segment: CanonicalZIPReader.Segment, length: Int)]
    let trailer: [UInt8]
    let stamp: (date: Int, time: Int)
    /// The bytes of the members kept in memory (empty for those left in the file).
    var contents: [[UInt8]]
    let leftInFile: [Bool]
    var crcs: [UInt32]
    /// Each member's SHA-256 and SM3, once its last byte is read.
    var digests: [[DigestAlgorithm: String]]
    var canonical = true
    /// Whether a digest could not be computed.
    var failed = false
    private var expectedHeader: [UInt8] = []
    /// The segment being read and how far into it.
    private(set) var current = 0
    private var within = 0
    /// The member being read's digests and CRC, fed as its bytes arrive.
    private let sha256: ReusableHasher, sm3: ReusableHasher
    private var crc = CRC32Checksum()

    init(members: [CanonicalZIP.Member], segments: [(segment: CanonicalZIPReader.Segment, length: Int)], trailer: [UInt8], stamp: (date: Int, time: Int),
         leftInFile: [Bool]) throws {
        self.members = members
        self.leftInFile = leftInFile
        self.segments = segments
        self.trailer = trailer
        self.stamp = stamp
        contents = [[UInt8]](repeating: [], count: members.count)
        crcs = [UInt32](repeating: 0, count: members.count)
        digests = [[DigestAlgorithm: String]](repeating: [:], count: members.count)
        sha256 = try ReusableHasher(.sha256)
        sm3 = try ReusableHasher(.sm3)
    }

    /// Lays the next `chunk` of the file out: headers and the trailer compared, members' bytes hashed, CRC'd and,
    /// unless left in the file, kept.
    func consume(_ chunk: Data) {
        var position = chunk.startIndex
        while position < chunk.endIndex, canonical, current < segments.count {
            let (segment, length) = segments[current]
            let take = min(length - within, chunk.endIndex - position)
            let piece = chunk[position..<(position + take)]
            switch segment {
            case .header(let index):
                if within == 0 {
                    expectedHeader.removeAll(keepingCapacity: true)
                    CanonicalZIP.appendLocalHeader(members[index], stamp: stamp, to: &expectedHeader)
                }
                canonical = piece.elementsEqual(expectedHeader[within..<(within + take)])
            case .data(let index):
                let keep = !leftInFile[index]
                if within == 0 {
                    if keep { contents[index].reserveCapacity(length) }
                    sha256.begin()
                    sm3.begin()
                    crc = CRC32Checksum()
                }
                piece.withUnsafeBytes { bytes in
                    if keep { contents[index].append(contentsOf: bytes) }
                    sha256.update(bytes)
                    sm3.update(bytes)
                    crc.update(bytes)
                }
                if within + take == length { finish(index) }
            case .trailer:
                canonical = piece.elementsEqual(trailer[within..<(within + take)])
            }
            position += take
            within += take
            if within == length {
                current += 1
                within = 0
            }
        }
        // Bytes past the layout (the file grew while it was read): not the canonical file.
        if position < chunk.endIndex { canonical = false }
    }

    /// Member `index` is read whole: its digests and CRC.
    private func finish(_ index: Int) {
        crcs[index] = crc.value
        do {
            digests[index] = [.sha256: Hex.encode(try sha256.finish()), .sm3: Hex.encode(try sm3.finish())]
        } catch {
            failed = true
        }
    }
}
