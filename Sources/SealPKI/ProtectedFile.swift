public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// File access for the station: writes never overwrite, are created with the mode they end with (set on the open
/// file before any byte is written, whatever the umask) and go through a temporary file in the same directory that
/// is fsynced and then linked into place, so a crash never leaves a partial file under the final name. Directories
/// are created 0700 the same way. Reads are size-capped and go straight into one byte array (no intermediate
/// copies), so a caller can zero what it read; secrets (passphrase and PIN files) must be private to their owner.
public enum ProtectedFile {
    /// Owner read/write only: every file in the station directory and every file a station command writes
    /// (registry, keys, certificates, seals, backups, shares, bundles, frames).
    public static let secretMode: mode_t = 0o600
    /// Owner read/write, others read, for files meant to be handed out that the standalone tools write where the
    /// user asks (a CSR, a detached signature, a rendered image); never inside the station directory.
    public static let publicMode: mode_t = 0o644
    /// Owner only, for every directory the station creates.
    public static let directoryMode: mode_t = 0o700
    /// The default cap on files read (16 MiB).
    public static let defaultReadLimit = 16 << 20

    /// Writes `bytes` to `path` with `mode`. Refuses when `path` exists. `sync` false skips the fsyncs, for the many
    /// files of a staging directory that is moved into place whole (QR frames).
    /// - Throws: `SealPKIError.fileExists`, `SealPKIError.fileAccess`.
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t, sync: Bool = true) throws {
        if FileManager.default.fileExists(atPath: path) { throw SealPKIError.fileExists(path: path) }
        let name = (path as NSString).lastPathComponent
        var directory = (path as NSString).deletingLastPathComponent
        if directory.isEmpty { directory = "." }
        let temporary = "\(directory)/.\(name).\(UUID().uuidString).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw SealPKIError.fileAccess(path: path, reason: errorText()) }
        defer { unlink(temporary) }
        // The mode is exact before the first byte goes in (open's mode is narrowed by the umask, never widened).
        var failure: String? = fchmod(descriptor, mode) == 0 ? nil : errorText()
        if failure == nil { bytes.withUnsafeBytes { raw in
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
        } }
        if failure == nil, sync, fsync(descriptor) != 0 { failure = errorText() }
        close(descriptor)
        if let failure { throw SealPKIError.fileAccess(path: path, reason: failure) }
        // link() fails when the final name appeared meanwhile, so an existing file is never replaced.
        guard link(temporary, path) == 0 else {
            if errno == EEXIST { throw SealPKIError.fileExists(path: path) }
            throw SealPKIError.fileAccess(path: path, reason: errorText())
        }
        let directoryDescriptor = sync ? open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// Creates an empty file at `path` with `mode` (exact, whatever the umask), for a file another library fills
    /// (SQLite gives its journal, WAL and shared-memory files the mode of the database file). Refuses when `path` exists.
    /// - Throws: `SealPKIError.fileExists`, `SealPKIError.fileAccess`.
    public static func createEmpty(_ path: String, mode: mode_t = secretMode) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw SealPKIError.fileExists(path: path) }
            throw SealPKIError.fileAccess(path: path, reason: errorText())
        }
        defer { close(descriptor) }
        guard fchmod(descriptor, mode) == 0 else {
            let reason = errorText()
            unlink(path)
            throw SealPKIError.fileAccess(path: path, reason: reason)
        }
    }

    /// Creates the directory `path` and any missing parents, each 0700 (made exact before anything is put in it,
    /// whatever the umask). Directories that exist already are left as they are.
    /// - Throws: `SealPKIError.fileAccess` naming the directory that could not be created.
    public static func createDirectory(_ path: String) throws {
        var missing: [String] = []
        var current = path.isEmpty ? "." : path
        var status = stat()
        while stat(current, &status) != 0 {
            guard errno == ENOENT else { throw SealPKIError.fileAccess(path: current, reason: errorText()) }
            missing.append(current)
            let parent = (current as NSString).deletingLastPathComponent
            if parent.isEmpty || parent == current { break }
            current = parent
        }
        if missing.isEmpty, status.st_mode & S_IFMT != S_IFDIR {
            throw SealPKIError.fileAccess(path: current, reason: "not a directory")
        }
        for directory in missing.reversed() {
            if mkdir(directory, directoryMode) != 0 {
                // Another process may have made it meanwhile; that one is theirs to set.
                if errno == EEXIST, stat(directory, &status) == 0, status.st_mode & S_IFMT == S_IFDIR { continue }
                throw SealPKIError.fileAccess(path: directory, reason: errorText())
            }
            guard chmod(directory, directoryMode) == 0 else { throw SealPKIError.fileAccess(path: directory, reason: errorText()) }
        }
    }

    /// Reads a passphrase or PIN file: as `read`, but refused when group or others have any access to it, since a
    /// secret others can read is no longer a secret. The mode is checked on the open file (no race with a chmod).
    /// - Throws: `SealPKIError.secretFileNotPrivate` (the message says `chmod 600 FILE`), `SealPKIError.fileAccess`.
    public static func readSecret(_ path: String, limit: Int) throws -> [UInt8] {
        try read(path, limit: limit, privateOnly: true)
    }

    /// Reads a whole file, refusing files over `limit` bytes.
    /// - Throws: `SealPKIError.fileAccess` naming the path and the problem.
    public static func read(_ path: String, limit: Int = defaultReadLimit) throws -> [UInt8] {
        try read(path, limit: limit, privateOnly: false)
    }

    private static func read(_ path: String, limit: Int, privateOnly: Bool) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SealPKIError.fileAccess(path: path, reason: errorText()) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw SealPKIError.fileAccess(path: path, reason: errorText()) }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw SealPKIError.fileAccess(path: path, reason: "not a regular file")
        }
        if privateOnly, status.st_mode & 0o077 != 0 {
            throw SealPKIError.secretFileNotPrivate(path: path, mode: UInt32(status.st_mode & 0o7777))
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

    /// Makes a regular file 0600 or a directory 0700 when its group or others have any permission bit; a link or any
    /// other type, and a path that does not exist, are left alone.
    /// - Returns: whether the mode was changed.
    public static func makeOwnerOnly(_ path: String) throws -> Bool {
        var status = stat()
        guard lstat(path, &status) == 0 else { return false }
        let type = status.st_mode & S_IFMT
        guard type == S_IFREG || type == S_IFDIR, status.st_mode & 0o077 != 0 else { return false }
        guard chmod(path, type == S_IFDIR ? directoryMode : secretMode) == 0 else {
            throw SealPKIError.fileAccess(path: path, reason: "cannot make it owner-only: \(errorText())")
        }
        return true
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
