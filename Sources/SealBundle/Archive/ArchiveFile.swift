import CoreFoundation  // stat and timespec (their Glibc definitions are attributed to CoreFoundation's clang module here)
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A bundle file kept open after its one sequential pass, so that members left in it (``BundleBytes``) are read
/// when needed instead of held in memory. Each read first checks that the file is still the one the pass read (same
/// size and modification time on the same open descriptor): a file rewritten since is refused, never read.
final class ArchiveFile: Sendable {
    let path: String
    private let descriptor: Int32
    private let size: Int64
    private let modified: timespec

    /// Opens `url` for reading.
    /// - Throws: ``BundleArchiveError/unreadable(_:)`` when it cannot be opened.
    init(_ url: URL) throws {
        path = url.path
        descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw BundleArchiveError.unreadable("\(url.path) cannot be read: \(String(cString: strerror(errno)))") }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            close(descriptor)
            throw BundleArchiveError.unreadable("\(url.path) cannot be read: \(String(cString: strerror(errno)))")
        }
        size = Int64(status.st_size)
        modified = status.st_mtim
    }

    deinit { close(descriptor) }

    /// The `count` bytes at `offset`.
    /// - Throws: ``BundleArchiveError/unreadable(_:)`` when the file changed since it was opened or cannot be read.
    func read(offset: Int, count: Int) throws -> [UInt8] {
        var status = stat()
        guard fstat(descriptor, &status) == 0, Int64(status.st_size) == size, status.st_mtim.tv_sec == modified.tv_sec,
              status.st_mtim.tv_nsec == modified.tv_nsec
        else { throw BundleArchiveError.unreadable("\(path) changed while it was being verified or imported; nothing of it is used") }
        guard offset >= 0, count >= 0, Int64(offset) + Int64(count) <= size else {
            throw BundleArchiveError.unreadable("\(path) has no bytes \(offset)–\(offset + count)")
        }
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset + done))
            }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else {
                throw BundleArchiveError.unreadable("\(path) cannot be read at byte \(offset + done): "
                    + (got == 0 ? "it ended early" : String(cString: strerror(errno))))
            }
            done += got
        }
        return bytes
    }
}
