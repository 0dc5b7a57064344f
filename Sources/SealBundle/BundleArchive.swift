public import Foundation
import ZIPFoundation

/// A filing bundle on disk: a bag zipped with ZIPFoundation (members stored, a fixed modification time, so the same
/// bag gives the same bytes), and the guarded reader the online side opens couriers' files with.
public enum BundleArchive {
    /// Size and count limits for reading; a bundle over any of them is refused before or while extracting.
    public struct Limits: Sendable {
        public var archiveBytes: Int
        public var memberBytes: Int
        public var totalBytes: Int
        public var members: Int

        public init(archiveBytes: Int = 2 << 30, memberBytes: Int = 64 << 20, totalBytes: Int = 4 << 30, members: Int = 500_000) {
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
            throw BundleArchiveError.unreadable("cannot write \(url.path): \(error)")
        }
    }

    /// The archive bytes of `files`: members in order, stored (the seals' PNG and DER do not compress; stored
    /// members make the canonical check below cheap), mode 0644, the fixed modification time.
    public static func archive(_ files: [BagItBag.File]) throws -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            for file in files {
                try file.bytes.withUnsafeBufferPointer { buffer in
                    try archive.addEntry(
                        with: file.path, type: .file, uncompressedSize: Int64(buffer.count), modificationDate: fixedDate,
                        permissions: 0o644, compressionMethod: .none
                    ) { position, size in Data(buffer[Int(position)..<Int(position) + size]) }
                }
            }
            guard let data = archive.data else { throw BundleArchiveError.unreadable("the in-memory archive has no data") }
            return data
        } catch let error as BundleArchiveError {
            throw error
        } catch {
            throw BundleArchiveError.unreadable("cannot build the archive: \(error)")
        }
    }

    /// Reads the bundle file at `url` (see ``read(data:limits:)``).
    public static func read(_ url: URL, limits: Limits = Limits()) throws -> [BagItBag.File] {
        try read(data: try load(url, limits: limits), archiveURL: url, name: url.lastPathComponent, limits: limits)
    }

    /// The bytes of the bundle file at `url`, refusing a file over the archive limit before reading it.
    public static func load(_ url: URL, limits: Limits = Limits()) throws -> Data {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        guard let size else { throw BundleArchiveError.unreadable("\(url.path) does not exist or cannot be read") }
        guard size <= limits.archiveBytes else { throw BundleArchiveError.archiveTooLarge(bytes: size, limit: limits.archiveBytes) }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw BundleArchiveError.unreadable("\(url.path) cannot be read")
        }
        return data
    }

    /// Reads every member of a bundle (`name` for messages) into memory, refusing — before anything is returned — an oversized archive,
    /// absolute or `..` paths, backslashes, links, directories with content outside the bag layout, duplicate names,
    /// members or totals over the limits, CRC mismatches, files that do not belong in a bag, and an archive that is
    /// not byte for byte the one SealStation writes for those members (so no byte of the file goes unchecked:
    /// timestamps, attributes, comments and padding included).
    public static func read(data: Data, name: String = "the bundle", limits: Limits = Limits()) throws -> [BagItBag.File] {
        try withStagedFile(data, name: name) { try read(data: data, archiveURL: $0, name: name, limits: limits) }
    }

    /// Runs `body` with `data` in a private temporary file: ZIPFoundation's in-memory reader traps on some malformed
    /// archives (a seek past the end), so bytes are read through a file, as bundle files are.
    static func withStagedFile<T>(_ data: Data, name: String, _ body: (URL) throws -> T) throws -> T {
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
            ?? withStagedFile(data, name: name) { try members(data: data, archiveURL: $0, name: name, limits: limits) }
    }

    /// Whether `data` is byte for byte the archive SealStation writes for `files` (every header, time, attribute,
    /// CRC, order and padding), so that no byte of a bundle goes unchecked.
    public static func isCanonical(_ files: [BagItBag.File], data: Data) throws -> Bool {
        try archive(files) == data
    }

    /// The members of the archive at `archiveURL` (bytes `data`) with every check but the canonical form.
    static func members(data: Data, archiveURL: URL, name: String, limits: Limits) throws -> [BagItBag.File] {
        guard data.count <= limits.archiveBytes else { throw BundleArchiveError.archiveTooLarge(bytes: data.count, limit: limits.archiveBytes) }
        let archive: Archive
        do {
            archive = try Archive(url: archiveURL, accessMode: .read)
        } catch {
            throw BundleArchiveError.unreadable("\(name) is not a ZIP archive")
        }
        var files: [BagItBag.File] = []
        var seen = Set<String>()
        var total = 0
        for entry in archive {
            let path = entry.path
            guard files.count < limits.members else { throw BundleArchiveError.tooManyMembers(limit: limits.members) }
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
                throw BundleArchiveError.corruptMember(path, "\(error)")
            }
            total += bytes.count
            guard total <= limits.totalBytes else { throw BundleArchiveError.totalTooLarge(limit: limits.totalBytes) }
            files.append(BagItBag.File(path: path, bytes: bytes))
        }
        return files
    }

    /// Paths must be relative bag paths: no `/` start, no `..`/`.`/empty segments, no backslash or control
    /// characters, and inside the BagIt layout (bagit.txt, bag-info.txt, (tag)manifest-*.txt, signatures/, data/).
    static func checkPath(_ path: String, directory: Bool = false) throws {
        do {
            try BagItBag.checkRelativePath(path)
        } catch {
            throw BundleArchiveError.unsafePath(path)
        }
        let top = path.split(separator: "/").first.map(String.init) ?? path
        let isTagFile = !path.contains("/") && (["bagit.txt", "bag-info.txt"].contains(path)
            || BagItBag.algorithms.contains { path == "manifest-\($0.rawValue).txt" || path == "tagmanifest-\($0.rawValue).txt" })
        // `data` and `signatures` themselves may only be directories.
        guard isTagFile || (path.contains("/") && ["data", "signatures"].contains(top)) || (directory && ["data", "signatures"].contains(path)) else {
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
    case tooManyMembers(limit: Int)
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
        case .tooManyMembers(let limit): return "the bundle has more than \(limit) members"
        case .corruptMember(let path, let detail): return "member '\(path)' is corrupt: \(detail)"
        case .notCanonical:
            return "the archive is not in SealStation's canonical form (its headers, times, attributes, order or padding were changed)"
        case .unknownFile(let path): return "member '\(path)' does not belong in a bag (only bagit.txt, bag-info.txt, manifests, signatures/ and data/)"
        }
    }
}
