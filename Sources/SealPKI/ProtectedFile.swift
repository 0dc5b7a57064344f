public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// File access for the station: writes never overwrite, are created with the mode they end with (0600 for secrets)
/// and go through a temporary file in the same directory that is fsynced and then linked into place, so a crash
/// never leaves a partial file under the final name. Reads are size-capped and go straight into one byte array
/// (no intermediate copies), so a caller can zero what it read.
public enum ProtectedFile {
    /// Owner read/write only, for files that hold (encrypted) secrets.
    public static let secretMode: mode_t = 0o600
    /// Owner read/write, others read, for certificates and public data.
    public static let publicMode: mode_t = 0o644
    /// The default cap on files read (16 MiB).
    public static let defaultReadLimit = 16 << 20

    /// Writes `bytes` to `path` with `mode`. Refuses when `path` exists.
    /// - Throws: `SealPKIError.fileExists`, `SealPKIError.fileAccess`.
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t) throws {
        if FileManager.default.fileExists(atPath: path) { throw SealPKIError.fileExists(path: path) }
        let name = (path as NSString).lastPathComponent
        var directory = (path as NSString).deletingLastPathComponent
        if directory.isEmpty { directory = "." }
        let temporary = "\(directory)/.\(name).\(UUID().uuidString).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw SealPKIError.fileAccess(path: path, reason: errorText()) }
        defer { unlink(temporary) }
        var failure: String? = nil
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errorText()
                    return
                }
                offset += written
            }
        }
        if failure == nil, fchmod(descriptor, mode) != 0 || fsync(descriptor) != 0 { failure = errorText() }
        close(descriptor)
        if let failure { throw SealPKIError.fileAccess(path: path, reason: failure) }
        // link() fails when the final name appeared meanwhile, so an existing file is never replaced.
        guard link(temporary, path) == 0 else {
            if errno == EEXIST { throw SealPKIError.fileExists(path: path) }
            throw SealPKIError.fileAccess(path: path, reason: errorText())
        }
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// Reads a whole file, refusing files over `limit` bytes.
    /// - Throws: `SealPKIError.fileAccess` naming the path and the problem.
    public static func read(_ path: String, limit: Int = defaultReadLimit) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SealPKIError.fileAccess(path: path, reason: errorText()) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw SealPKIError.fileAccess(path: path, reason: errorText()) }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw SealPKIError.fileAccess(path: path, reason: "not a regular file")
        }
        let size = Int(status.st_size)
        guard size <= limit else {
            throw SealPKIError.fileAccess(path: path, reason: "the file is \(size) bytes, over the \(limit)-byte limit")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var offset = 0
        while offset < size {
            let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + offset, size - offset) }
            if count < 0 {
                if errno == EINTR { continue }
                throw SealPKIError.fileAccess(path: path, reason: errorText())
            }
            if count == 0 { break }
            offset += count
        }
        if offset < size { bytes.removeLast(size - offset) }
        return bytes
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
