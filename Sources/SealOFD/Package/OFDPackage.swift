public import Foundation
import ZIPFoundation

/// An OFD package (GB/T 33190 §7.1: a ZIP holding OFD.xml and the documents' files), read into memory through
/// ZIPFoundation with guards against hostile archives: unsafe paths, links, duplicate names (also by letter case),
/// member count, per-member and total sizes and the inflate ratio are checked before or while each member is
/// inflated, so a 2 GB member or 100,000 members are refused at once. Paths are kept as stored (case-sensitive).
public struct OFDPackage: Sendable {
    /// The files' paths in archive order (directories are not members).
    public let paths: [String]
    /// Every file's bytes by its path as stored.
    public let files: [String: [UInt8]]
    /// The package file's own bytes (the ZIP as read): stamping copies its unchanged entries as they are.
    public let archive: [UInt8]

    /// The bytes of the member at `path` (exact, case-sensitive), or nil.
    public func file(_ path: String) -> [UInt8]? { files[path] }

    /// Reads the package file at `url`.
    /// - Throws: ``OFDPackageError`` naming the file, member or limit.
    public init(contentsOf url: URL, limits: OFDPackageLimits = OFDPackageLimits()) throws {
        let name = url.lastPathComponent
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        guard let attributes, let size = attributes[.size] as? Int else {
            throw OFDPackageError.unreadable("\(url.path) does not exist or cannot be read")
        }
        // A device or a pipe would be read for ever.
        guard attributes[.type] as? FileAttributeType == .typeRegular else { throw OFDPackageError.unreadable("\(url.path) is not a regular file") }
        guard size <= limits.archiveBytes else { throw OFDPackageError.archiveTooLarge(bytes: size, limit: limits.archiveBytes) }
        let archive: [UInt8]
        do {
            archive = Array(try Data(contentsOf: url))
        } catch {
            throw OFDPackageError.unreadable("\(url.path) cannot be read: \(error.localizedDescription)")
        }
        guard archive.count <= limits.archiveBytes else { throw OFDPackageError.archiveTooLarge(bytes: archive.count, limit: limits.archiveBytes) }
        try self.init(archiveAt: url, bytes: archive, name: name, limits: limits)
    }

    /// Reads a package from its bytes (`name` for messages). The bytes are staged in a private temporary file:
    /// ZIPFoundation's in-memory reader traps on some malformed archives.
    public init(data: Data, name: String = "the OFD package", limits: OFDPackageLimits = OFDPackageLimits()) throws {
        guard data.count <= limits.archiveBytes else { throw OFDPackageError.archiveTooLarge(bytes: data.count, limit: limits.archiveBytes) }
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("sealstation-ofd-\(UUID().uuidString).ofd")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw OFDPackageError.unreadable("cannot stage \(name) in \(temporary.deletingLastPathComponent().path)")
        }
        defer { try? FileManager.default.removeItem(at: temporary) }
        try self.init(archiveAt: temporary, bytes: Array(data), name: name, limits: limits)
    }

    /// The package `archive` holds, whose members are `files` in `paths` order: what a writer has just written and
    /// checked entry by entry (``OFDPackageWriter/update(_:removing:adding:modificationDate:)``), without inflating it
    /// again.
    init(written archive: [UInt8], paths: [String], files: [String: [UInt8]]) {
        self.archive = archive
        self.paths = paths
        self.files = files
    }

    /// Reads the package file at `url`, whose bytes are `bytes`.
    init(archiveAt url: URL, bytes: [UInt8], name: String, limits: OFDPackageLimits) throws {
        archive = bytes
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw OFDPackageError.notZIP(name)
        }
        var paths: [String] = []
        var files: [String: [UInt8]] = [:]
        var folded: [String: String] = [:]
        var count = 0
        var total = 0
        for entry in archive {
            count += 1
            guard count <= limits.members else { throw OFDPackageError.tooManyMembers(count: count, limit: limits.members) }
            let path = entry.path
            // Producers mark directories by attributes or only by the trailing '/'; one with content is not a directory.
            let directory = entry.type == .directory || path.hasSuffix("/")
            if directory, entry.type != .symlink {
                guard entry.uncompressedSize == 0 else { throw OFDPackageError.unsafePath(path) }
                try Self.checkPath(path.hasSuffix("/") ? String(path.dropLast()) : path, stored: path)
                continue
            }
            switch entry.type {
            case .symlink: throw OFDPackageError.link(path)
            case .directory, .file: break
            }
            try Self.checkPath(path, stored: path)
            guard files[path] == nil else { throw OFDPackageError.duplicateMember(path) }
            let key = path.lowercased()
            if let other = folded[key] { throw OFDPackageError.caseDuplicateMember(other, path) }
            folded[key] = path
            // What the headers claim, before inflating anything.
            guard entry.uncompressedSize <= UInt64(limits.memberBytes) else { throw OFDPackageError.memberTooLarge(path, limit: limits.memberBytes) }
            guard UInt64(total) + entry.uncompressedSize <= UInt64(limits.totalBytes) else { throw OFDPackageError.totalTooLarge(limit: limits.totalBytes) }
            let ratioLimit = max(entry.compressedSize, 1).multipliedReportingOverflow(by: UInt64(limits.inflateRatio))
            guard ratioLimit.overflow || entry.uncompressedSize <= ratioLimit.partialValue else {
                throw OFDPackageError.inflateRatio(path, limit: limits.inflateRatio)
            }
            // What is really inflated: headers may lie.
            let inflateLimit = ratioLimit.overflow ? Int.max : Int(clamping: ratioLimit.partialValue)
            let claimed = Int(entry.uncompressedSize)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(claimed)
            let checksum: CRC32
            do {
                checksum = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: false) { chunk in
                    guard bytes.count + chunk.count <= limits.memberBytes else { throw OFDPackageError.memberTooLarge(path, limit: limits.memberBytes) }
                    guard bytes.count + chunk.count <= claimed else {
                        throw OFDPackageError.corruptMember(path, "it inflates to more than the \(claimed) bytes its header says")
                    }
                    guard bytes.count + chunk.count <= inflateLimit else { throw OFDPackageError.inflateRatio(path, limit: limits.inflateRatio) }
                    guard total + bytes.count + chunk.count <= limits.totalBytes else { throw OFDPackageError.totalTooLarge(limit: limits.totalBytes) }
                    bytes.append(contentsOf: chunk)
                }
            } catch let error as OFDPackageError {
                throw error
            } catch {
                throw OFDPackageError.corruptMember(path, "its compressed data is damaged or does not match its header (\(error))")
            }
            guard checksum == entry.checksum else { throw OFDPackageError.corruptMember(path, "its CRC-32 does not match its content") }
            guard bytes.count == claimed else {
                throw OFDPackageError.corruptMember(path, "it inflates to \(bytes.count) bytes, its header says \(entry.uncompressedSize)")
            }
            total += bytes.count
            paths.append(path)
            files[path] = bytes
        }
        self.paths = paths
        self.files = files
    }

    /// Member paths must be relative: no `/` start, no `..`, `.` or empty segments, no backslash or control character.
    static func checkPath(_ path: String, stored: String) throws {
        guard !path.isEmpty, !path.hasPrefix("/") else { throw OFDPackageError.unsafePath(stored) }
        for scalar in path.unicodeScalars where scalar == "\\" || scalar.value < 0x20 || scalar.value == 0x7F {
            throw OFDPackageError.unsafePath(stored)
        }
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) where segment.isEmpty || segment == "." || segment == ".." {
            throw OFDPackageError.unsafePath(stored)
        }
    }
}
