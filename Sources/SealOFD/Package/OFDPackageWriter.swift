public import Foundation
import ZIPFoundation

/// Writes OFD package files as a ZIP through ZIPFoundation, as ofd-signing.md §1 says to: every file DEFLATE, sizes
/// and CRC in the local headers (no data descriptor), UTF-8 names flagged (0x800), no directory entries, nothing
/// before or after the archive. `ofd from-text` and stamping write through it.
public enum OFDPackageWriter {
    /// The ZIP bytes of `members`, in their order.
    /// - Throws: ``OFDPackageError/unwritable(_:)`` naming what ZIPFoundation refused.
    public static func zip(_ members: [OFDPackageMember], modificationDate: Date) throws(OFDPackageError) -> [UInt8] {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for member in members { try add(member, to: archive, modificationDate: modificationDate) }
            guard let bytes = archive.data else { throw OFDPackageError.unwritable("ZIPFoundation returned no archive data") }
            return Array(bytes)
        } catch let error as OFDPackageError {
            throw error
        } catch {
            throw OFDPackageError.unwritable("\(error)")
        }
    }

    /// `archive` (a package as read) with the members at `removing` taken out and `adding` appended: every other
    /// entry is copied as it is stored — its compressed bytes, header and CRC untouched, nothing inflated or
    /// compressed again — so a stamp costs the new members, not the whole document. Done by ZIPFoundation in update
    /// mode on a private temporary copy (0600, removed afterwards), then read back: every kept entry must be stored
    /// as before (CRC-32 and sizes), every added member inflate to its bytes, and no entry be lost or appear.
    /// - Throws: ``OFDPackageError/unwritable(_:)`` naming what failed.
    public static func update(
        _ archive: [UInt8], removing: [String], adding: [OFDPackageMember], modificationDate: Date
    ) throws(OFDPackageError) -> [UInt8] {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("sealstation-ofd-\(UUID().uuidString).ofd")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(archive), attributes: [.posixPermissions: 0o600]) else {
            throw OFDPackageError.unwritable("cannot stage the package in \(temporary.deletingLastPathComponent().path)")
        }
        defer { try? FileManager.default.removeItem(at: temporary) }
        do {
            // What every kept entry is stored as before the update: it must be stored the same way after it.
            var kept: [String: (checksum: CRC32, compressed: UInt64, uncompressed: UInt64)] = [:]
            for entry in try Archive(url: temporary, accessMode: .read) where !removing.contains(entry.path) {
                kept[entry.path] = (entry.checksum, entry.compressedSize, entry.uncompressedSize)
            }
            let zip = try Archive(url: temporary, accessMode: .update)
            for path in removing {
                guard let entry = zip[path] else { throw OFDPackageError.unwritable("the package has no member '\(path)' to replace") }
                try zip.remove(entry)
            }
            for member in adding { try add(member, to: zip, modificationDate: modificationDate) }
            // Read back: every kept entry as it was stored, every added member inflating to its bytes, nothing else.
            let written = try Archive(url: temporary, accessMode: .read)
            var seen = Set<String>()
            for entry in written {
                guard seen.insert(entry.path).inserted else { throw OFDPackageError.unwritable("'\(entry.path)' appears twice after the update") }
                if let member = adding.first(where: { $0.path == entry.path }) {
                    var bytes: [UInt8] = []
                    _ = try written.extract(entry, skipCRC32: false) { bytes.append(contentsOf: $0) }
                    guard bytes == member.bytes else { throw OFDPackageError.unwritable("'\(entry.path)' does not read back as written") }
                } else if let before = kept[entry.path] {
                    guard before.checksum == entry.checksum, before.compressed == entry.compressedSize, before.uncompressed == entry.uncompressedSize else {
                        throw OFDPackageError.unwritable("'\(entry.path)' is not stored as it was before the update")
                    }
                } else {
                    throw OFDPackageError.unwritable("'\(entry.path)' appeared in the update")
                }
            }
            guard seen.count == kept.count + adding.count else { throw OFDPackageError.unwritable("an entry was lost in the update") }
        } catch let error as OFDPackageError {
            throw error
        } catch {
            throw OFDPackageError.unwritable("\(error)")
        }
        do {
            return Array(try Data(contentsOf: temporary))
        } catch {
            throw OFDPackageError.unwritable("the updated package cannot be read back: \(error.localizedDescription)")
        }
    }

    /// Appends `member` to `archive` as every file of a package is written: DEFLATE, 0644, dated `modificationDate`.
    private static func add(_ member: OFDPackageMember, to archive: Archive, modificationDate: Date) throws {
        let data = Data(member.bytes)
        try archive.addEntry(
            with: member.path, type: .file, uncompressedSize: Int64(data.count), modificationDate: modificationDate,
            permissions: 0o644, compressionMethod: .deflate
        ) { position, size in
            let start = Int(position)
            return data.subdata(in: start..<min(start + size, data.count))
        }
    }
}
