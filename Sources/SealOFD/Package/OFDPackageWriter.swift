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
            for member in members {
                let data = Data(member.bytes)
                try archive.addEntry(
                    with: member.path, type: .file, uncompressedSize: Int64(data.count), modificationDate: modificationDate,
                    permissions: 0o644, compressionMethod: .deflate
                ) { position, size in
                    let start = Int(position)
                    return data.subdata(in: start..<min(start + size, data.count))
                }
            }
            guard let bytes = archive.data else { throw OFDPackageError.unwritable("ZIPFoundation returned no archive data") }
            return Array(bytes)
        } catch let error as OFDPackageError {
            throw error
        } catch {
            throw OFDPackageError.unwritable("\(error)")
        }
    }
}
