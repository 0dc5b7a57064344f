public import Foundation
public import SealCrypto
import ZIPFoundation

/// A filing bundle on disk: a bag zipped in SealStation's canonical form (``CanonicalZIP``: members stored, a fixed
/// modification time, so the same bag gives the same bytes) and read back with ZIPFoundation through the guarded reader
/// the online side opens couriers' files with.
public enum BundleArchive {
    /// Size and count limits for reading; a bundle over any of them is refused before or while extracting. The member
    /// count is checked first, from the ZIP end record in the file's last 64 KiB, before anything else is read.
    public struct Limits: Sendable {
        /// The largest bundle file: 2 GiB.
        public var archiveBytes: Int
        public var memberBytes: Int
        public var totalBytes: Int
        /// The most members (directories included): 65,000 by default (``maximumMembers``).
        public var members: Int

        /// 65,000 members: 13,000 seals at five files each, 2.6 times the default of 5,000 seals a bundle
        /// (`Station.maximumSealsPerBundle` keeps exports under it), and within the 65,535 entries a ZIP holds without
        /// ZIP64 extensions, which SealStation's canonical form never uses.
        public static let maximumMembers = 65_000

        public init(archiveBytes: Int = 2 << 30, memberBytes: Int = 64 << 20, totalBytes: Int = 4 << 30, members: Int = maximumMembers) {
            self.archiveBytes = archiveBytes
            self.memberBytes = memberBytes
            self.totalBytes = totalBytes
            self.members = members
        }
    }

    /// The modification time written for every member (2026-01-01T00:00:00Z): bundles are byte-reproducible.
    static let fixedDate = Date(timeIntervalSince1970: 1_767_225_600)

    /// Zips `files` into a new file at `url` (never overwriting), through a temporary file renamed into place.
    public static func write(_ files: [BagItBag.File], to url: URL) throws {
        guard !FileManager.default.fileExists(atPath: url.path) else { throw BundleArchiveError.destinationExists(url.path) }
        let data = try archive(files)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        defer { try? FileManager.default.removeItem(at: temporary) }
        do {
            try data.write(to: temporary)
            // link(2) fails if the name exists: a bundle is never overwritten, even by a concurrent export.
            try FileManager.default.linkItem(at: temporary, to: url)
        } catch {
            throw BundleArchiveError.unreadable("cannot write \(url.path): \(ParseProblem.describe(error))")
        }
    }

    /// The archive bytes of `files`: members in order, stored (the seals' PNG and DER do not compress; stored
    /// members make the canonical check below cheap), mode 0644, the fixed modification time; written in one pass
    /// (``CanonicalZIP``), so writing and the canonical check are linear in the members.
    public static func archive(_ files: [BagItBag.File]) throws -> Data {
        try CanonicalZIP.bytes(files, date: fixedDate)
    }

    /// Reads the bundle file at `url` (see ``read(data:limits:)``).
    public static func read(_ url: URL, limits: Limits = Limits()) throws -> [BagItBag.File] {
        if let canonical = try readCanonical(url, limits: limits) {
            return try canonical.members.map { BagItBag.File(path: $0.path, bytes: try $0.bytes.read()) }
        }
        return try read(data: try load(url, limits: limits), archiveURL: url, name: url.lastPathComponent, limits: limits)
    }

    /// The bytes of the bundle file at `url`, refusing — before reading more than the file's last 64 KiB — a file over
    /// the archive limit, one that is not a ZIP archive, and one announcing more members than the limit.
    public static func load(_ url: URL, limits: Limits = Limits()) throws -> Data {
        _ = try checkFile(url, limits: limits)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw BundleArchiveError.unreadable("\(url.path) cannot be read")
        }
        return data
    }

    /// The size of the bundle file at `url`, after the checks ``load(_:limits:)`` makes before reading it.
    static func checkFile(_ url: URL, limits: Limits) throws -> Int {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        guard let size else { throw BundleArchiveError.unreadable("\(url.path) does not exist or cannot be read") }
        guard size <= limits.archiveBytes else { throw BundleArchiveError.archiveTooLarge(bytes: size, limit: limits.archiveBytes) }
        try checkEndRecord(ZIPEndOfCentralDirectory(contentsOf: url, name: url.lastPathComponent), name: url.lastPathComponent, limits: limits)
        return size
    }

    /// Reads the bundle file at `url` in one pass (``CanonicalZIPReader``): its members (a seal's own files left in
    /// the file, read when needed), their SHA-256 and SM3 (for the BagIt manifests) and the file's SM3, with every
    /// check of ``read(data:name:limits:)``, each byte read once; nil when the archive is not in canonical form (read
    /// it with ``readForInspection(data:archiveURL:name:limits:)`` to say what it holds).
    public static func readCanonical(_ url: URL, limits: Limits = Limits()) throws -> (members: [BundleMember], digests: [String: [DigestAlgorithm: String]], sm3: String)? {
        let size = try checkFile(url, limits: limits)
        return try CanonicalZIPReader.read(url, size: size, name: url.lastPathComponent, limits: limits).map { ($0.members, $0.digests, $0.sm3) }
    }

    /// Reads every member of a bundle (`name` for messages) into memory, refusing — before anything is returned — an oversized archive,
    /// absolute or `..` paths, backslashes, links, directories with content outside the bag layout, duplicate names,
    /// members or totals over the limits, CRC mismatches, files that do not belong in a bag, and an archive that is
    /// not byte for byte the one SealStation writes for those members (so no byte of the file goes unchecked:
    /// timestamps, attributes, comments and padding included).
    public static func read(data: Data, name: String = "the bundle", limits: Limits = Limits()) throws -> [BagItBag.File] {
        try withStagedFile(data, name: name, limits: limits) { try read(data: data, archiveURL: $0, name: name, limits: limits) }
    }

    /// Runs `body` with `data` in a private temporary file: ZIPFoundation's in-memory reader traps on some malformed
    /// archives (a seek past the end), so bytes are read through a file, as bundle files are.
    static func withStagedFile<T>(_ data: Data, name: String, limits: Limits = Limits(), _ body: (URL) throws -> T) throws -> T {
        guard data.count <= limits.archiveBytes else { throw BundleArchiveError.archiveTooLarge(bytes: data.count, limit: limits.archiveBytes) }
        try checkEndRecord(ZIPEndOfCentralDirectory(data: data, name: name), name: name, limits: limits)
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("sealstation-bundle-\(UUID().uuidString).zip")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw BundleArchiveError.unreadable("cannot stage \(name) in \(temporary.deletingLastPathComponent().path)")
        }
        defer { try? FileManager.default.removeItem(at: temporary) }
        return try body(temporary)
    }

    /// Reads a bundle that may have been repacked: every check of ``read(data:name:limits:)``, but an archive not in
    /// canonical form is returned with `canonical` false rather than refused, so a verifier can still say what the
    /// content is.
    public static func readForInspection(data: Data, archiveURL: URL?, name: String, limits: Limits = Limits()) throws -> (files: [BagItBag.File], canonical: Bool) {
        let files = try readMembers(data: data, archiveURL: archiveURL, name: name, limits: limits)
        return (files, try isCanonical(files, data: data))
    }

    /// Reads the archive at `archiveURL`, whose bytes are `data`.
    public static func read(data: Data, archiveURL: URL, name: String, limits: Limits = Limits()) throws -> [BagItBag.File] {
        let files = try members(data: data, archiveURL: archiveURL, name: name, limits: limits)
        guard try Self.archive(files) == data else { throw BundleArchiveError.notCanonical }
        return files
    }

    /// The members of the bundle whose bytes are `data` (read from `archiveURL` when given), with every check of
    /// ``read(data:name:limits:)`` but the canonical form: see ``isCanonical(_:data:)``.
    public static func readMembers(data: Data, archiveURL: URL?, name: String, limits: Limits = Limits()) throws -> [BagItBag.File] {
        try archiveURL.map { try members(data: data, archiveURL: $0, name: name, limits: limits) }
            ?? withStagedFile(data, name: name, limits: limits) { try members(data: data, archiveURL: $0, name: name, limits: limits) }
    }

    /// Whether `data` is byte for byte the archive SealStation writes for `files` (every header, time, attribute,
    /// CRC, order and padding), so that no byte of a bundle goes unchecked.
    public static func isCanonical(_ files: [BagItBag.File], data: Data) throws -> Bool {
        try archive(files) == data
    }

    /// The members of the archive at `archiveURL` (bytes `data`) with every check but the canonical form.
    static func members(data: Data, archiveURL: URL, name: String, limits: Limits) throws -> [BagItBag.File] {
        guard data.count <= limits.archiveBytes else { throw BundleArchiveError.archiveTooLarge(bytes: data.count, limit: limits.archiveBytes) }
        // The end record first (from the bytes' tail): the member count bounds everything ZIPFoundation reads after it.
        try checkEndRecord(ZIPEndOfCentralDirectory(data: data, name: name), name: name, limits: limits)
        let archive: Archive
        do {
            archive = try Archive(url: archiveURL, accessMode: .read)
        } catch {
            throw BundleArchiveError.notZIP(name)
        }
        var files: [BagItBag.File] = []
        var seen = Set<String>()
        var total = 0
        for entry in archive {
            let path = entry.path
            guard files.count < limits.members else { throw BundleArchiveError.tooManyMembers(name, count: files.count + 1, limit: limits.members) }
            switch entry.type {
            case .symlink: throw BundleArchiveError.link(path)
            case .directory:
                try checkPath(String(path.dropLast(path.hasSuffix("/") ? 1 : 0)), directory: true)
                continue
            case .file: break
            }
            try checkPath(path)
            guard seen.insert(path).inserted else { throw BundleArchiveError.duplicateMember(path) }
            guard entry.uncompressedSize <= UInt64(limits.memberBytes) else {
                throw BundleArchiveError.memberTooLarge(path, limit: limits.memberBytes)
            }
            // Count what is really inflated, not what the header claims.
            var bytes: [UInt8] = []
            do {
                // The CRC-32 is not recomputed here: the canonical re-creation of the archive does (a changed member
                // byte changes its CRC there), and the BagIt manifests check every member's content by digest.
                _ = try archive.extract(entry, bufferSize: 1 << 18, skipCRC32: true) { chunk in
                    guard bytes.count + chunk.count <= limits.memberBytes else {
                        throw BundleArchiveError.memberTooLarge(path, limit: limits.memberBytes)
                    }
                    bytes.append(contentsOf: chunk)
                }
            } catch let error as BundleArchiveError {
                throw error
            } catch {
                throw BundleArchiveError.corruptMember(path, ParseProblem.words("its compressed data is damaged or does not match its header", detail: error))
            }
            total += bytes.count
            guard total <= limits.totalBytes else { throw BundleArchiveError.totalTooLarge(limit: limits.totalBytes) }
            files.append(BagItBag.File(path: path, bytes: bytes))
        }
        return files
    }

    /// Refuses an archive whose end record announces more members than `limits` allow.
    static func checkEndRecord(_ record: ZIPEndOfCentralDirectory, name: String, limits: Limits) throws {
        guard record.entries <= limits.members else { throw BundleArchiveError.tooManyMembers(name, count: record.entries, limit: limits.members) }
    }

    /// The top-level files a bag may hold.
    static let tagFiles: Set<String> = Set(["bagit.txt", "bag-info.txt"]
        + BagItBag.algorithms.flatMap { ["manifest-\($0.rawValue).txt", "tagmanifest-\($0.rawValue).txt"] })

    /// Paths must be relative bag paths: no `/` start, no `..`/`.`/empty segments, no backslash or control
    /// characters, and inside the BagIt layout (bagit.txt, bag-info.txt, (tag)manifest-*.txt, signatures/, data/).
    static func checkPath(_ path: String, directory: Bool = false) throws {
        do {
            try BagItBag.checkRelativePath(path)
        } catch {
            throw BundleArchiveError.unsafePath(path)
        }
        // Byte-wise, once per member (Foundation's substring search made this the costliest step of reading a bundle).
        let slash = path.utf8.firstIndex(of: UInt8(ascii: "/"))
        let top = slash.map { String(path.utf8[..<$0])! } ?? path
        let isTagFile = slash == nil && Self.tagFiles.contains(path)
        // `data` and `signatures` themselves may only be directories.
        guard isTagFile || (slash != nil && ["data", "signatures"].contains(top)) || (directory && ["data", "signatures"].contains(path)) else {
            throw BundleArchiveError.unknownFile(path)
        }
    }
}

/// Why a bundle archive was refused; each names the member or limit.
public enum BundleArchiveError: Error, Equatable, CustomStringConvertible, Sendable {
    case destinationExists(String)
    case unreadable(String)
    case archiveTooLarge(bytes: Int, limit: Int)
    case unsafePath(String)
    case link(String)
    case duplicateMember(String)
    case memberTooLarge(String, limit: Int)
    case totalTooLarge(limit: Int)
    case tooManyMembers(String, count: Int, limit: Int)
    /// The file has no ZIP end record in its last 65,557 bytes: it is not a ZIP archive.
    case notZIP(String)
    /// The ZIP end record is inconsistent (comment, disks, ZIP64, central directory outside the file).
    case damagedEndRecord(String, String)
    case corruptMember(String, String)
    case unknownFile(String)
    case notCanonical

    public var description: String {
        switch self {
        case .destinationExists(let path): return "\(path) exists already; refusing to overwrite it"
        case .unreadable(let detail): return detail
        case .archiveTooLarge(let bytes, let limit): return "the bundle is \(bytes) bytes, over the \(limit)-byte limit"
        case .unsafePath(let path): return "member '\(path)' has an unsafe path (absolute, '..', backslash or control character)"
        case .link(let path): return "member '\(path)' is a link; bundles hold only regular files"
        case .duplicateMember(let path): return "member '\(path)' appears twice"
        case .memberTooLarge(let path, let limit): return "member '\(path)' is over the \(limit)-byte limit"
        case .totalTooLarge(let limit): return "the members add up to more than \(limit) bytes"
        case .tooManyMembers(let name, let count, let limit): return "\(name) has \(count) members; a bundle holds at most \(limit)"
        case .notZIP(let name): return "\(name) is not a filing bundle: it is not a ZIP archive (no ZIP end record at its end)"
        case .damagedEndRecord(let name, let detail): return "\(name) is not a readable ZIP archive: its end record is damaged (\(detail))"
        case .corruptMember(let path, let detail): return "member '\(path)' is corrupt: \(detail)"
        case .notCanonical:
            return "the archive is not in SealStation's canonical form (its headers, times, attributes, order or padding were changed)"
        case .unknownFile(let path): return "member '\(path)' does not belong in a bag (only bagit.txt, bag-info.txt, manifests, signatures/ and data/)"
        }
    }
}
