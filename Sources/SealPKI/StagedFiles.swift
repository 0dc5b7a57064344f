public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Several files written all or nothing. Every destination is checked before anything is written (none may exist, and
/// each must be in an existing directory or in a new directory named up front); the files are then written into
/// staging directories beside their destinations, on the same filesystem, and only ``commit()`` links them (and renames
/// new directories) into place. A failure at any point removes what was staged and what was already moved.
///
/// A staging directory is named `.sealstation-staging-<pid>-<uuid>`, so one left by a killed run is recognised: the
/// next staged write into the same directory removes it (when its process is gone) and lists it in
/// ``removedLeftovers``, for the command to report.
public final class StagedFiles {
    /// The name prefix of every staging directory.
    public static let stagingPrefix = ".sealstation-staging-"

    /// The destinations, standardized, in the order given.
    public let destinations: [String]
    /// Staging directories left by killed runs and removed while checking the destinations.
    public private(set) var removedLeftovers: [String] = []

    private let newDirectories: [String]
    /// Existing directory → its staging directory.
    private var stagingAreas: [String: String] = [:]
    /// Destination (file or new directory) → where it is staged.
    private var stagedPaths: [String: String] = [:]
    private var written: Set<String> = []
    /// What `commit` put in place, for `rollback`.
    private var placed: [String] = []

    /// Checks every destination and prepares the staging directories.
    /// - Parameters:
    ///   - destinations: the files to be written; none may exist.
    ///   - newDirectories: directories that do not exist yet and hold some of the files (or other new directories);
    ///     they appear with the files.
    ///   - directoryMode: the mode of the new directories.
    /// - Throws: `SealPKIError.fileExists` for a destination that exists (as anything), `SealPKIError.fileAccess` for a
    ///   parent that is missing or not a directory, or a staging directory that cannot be made.
    public init(destinations: [String], newDirectories: [String] = [], directoryMode: mode_t = 0o700) throws {
        let files = destinations.map(Self.standardized), directories = newDirectories.map(Self.standardized)
        self.destinations = files
        self.newDirectories = directories.sorted { $0.split(separator: "/").count < $1.split(separator: "/").count }
        let newSet = Set(directories)
        guard Set(files).count == files.count, newSet.isDisjoint(with: files) else {
            throw SealPKIError.fileAccess(path: files.first ?? "-", reason: "the same destination is named twice")
        }
        for path in directories + files {
            if Self.exists(path) { throw SealPKIError.fileExists(path: path) }
            let parent = Self.parent(of: path)
            if newSet.contains(parent) { continue }
            try Self.requireDirectory(parent)
        }
        do {
            for directory in self.newDirectories {
                let parent = Self.parent(of: directory)
                let staged = try (stagedPaths[parent] ?? area(in: parent)) + "/" + Self.name(of: directory)
                guard mkdir(staged, directoryMode) == 0, chmod(staged, directoryMode) == 0 else {
                    throw SealPKIError.fileAccess(path: directory, reason: Self.errorText())
                }
                stagedPaths[directory] = staged
            }
            for file in files {
                let parent = Self.parent(of: file)
                stagedPaths[file] = try (stagedPaths[parent] ?? area(in: parent)) + "/" + Self.name(of: file)
            }
        } catch {
            discard()
            throw error
        }
    }

    deinit { discard() }

    /// Writes `bytes` (with `mode`) as the staged copy of `path`, one of the destinations. A `durable` file is synced
    /// to disk before it can be committed (``ProtectedFile/write(_:to:mode:)``); files that can be made again (QR
    /// frames, thousands of them) are written without a sync each.
    public func write(_ bytes: [UInt8], to path: String, mode: mode_t, durable: Bool = true) throws {
        let destination = Self.standardized(path)
        guard let staged = stagedPaths[destination], !newDirectories.contains(destination) else {
            throw SealPKIError.fileAccess(path: path, reason: "not one of the destinations checked before writing")
        }
        do {
            try ProtectedFile.write(bytes, to: staged, mode: mode, sync: durable)
        } catch SealPKIError.fileAccess(_, let reason) {
            throw SealPKIError.fileAccess(path: path, reason: reason)
        } catch let error as CocoaError {
            throw SealPKIError.fileAccess(path: path, reason: error.localizedDescription)
        }
        written.insert(destination)
    }

    /// Moves every staged file and new directory into place. On a failure what was moved goes again and the error
    /// names the destination.
    /// - Throws: `SealPKIError.fileExists` when a destination appeared meanwhile; `SealPKIError.fileAccess`.
    public func commit() throws {
        if let missing = destinations.first(where: { !written.contains($0) }) {
            throw SealPKIError.fileAccess(path: missing, reason: "was not written")
        }
        let newSet = Set(newDirectories)
        do {
            // The outermost new directories carry everything inside them; every other file is linked (never replacing).
            for directory in newDirectories where !newSet.contains(Self.parent(of: directory)) {
                if Self.exists(directory) { throw SealPKIError.fileExists(path: directory) }
                guard rename(stagedPaths[directory]!, directory) == 0 else {
                    throw SealPKIError.fileAccess(path: directory, reason: Self.errorText())
                }
                placed.append(directory)
            }
            for file in destinations where !newSet.contains(Self.parent(of: file)) {
                guard link(stagedPaths[file]!, file) == 0 else {
                    if errno == EEXIST { throw SealPKIError.fileExists(path: file) }
                    throw SealPKIError.fileAccess(path: file, reason: Self.errorText())
                }
                placed.append(file)
            }
        } catch {
            rollback()
            throw error
        }
        for parent in Set(placed.map(Self.parent(of:))) { Self.syncDirectory(parent) }
        discard()
    }

    /// Removes what ``commit()`` put in place: for a caller whose own last step (a registry commit) failed after it.
    public func rollback() {
        for path in placed.reversed() { try? FileManager.default.removeItem(atPath: path) }
        placed.removeAll()
    }

    /// Removes the staging directories (the committed files stay).
    private func discard() {
        for staging in stagingAreas.values { try? FileManager.default.removeItem(atPath: staging) }
        stagingAreas.removeAll()
    }

    /// The staging directory in `parent`, made on first use after removing the leftovers of killed runs there.
    private func area(in parent: String) throws -> String {
        if let existing = stagingAreas[parent] { return existing }
        removedLeftovers += Self.removeLeftovers(in: parent)
        let staging = parent + "/" + Self.stagingPrefix + "\(getpid())-\(UUID().uuidString)"
        guard mkdir(staging, 0o700) == 0 else { throw SealPKIError.fileAccess(path: parent, reason: Self.errorText()) }
        stagingAreas[parent] = staging
        return staging
    }

    /// Removes the staging directories in `directory` whose process is gone; returns their paths.
    @discardableResult
    public static func removeLeftovers(in directory: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var removed: [String] = []
        for name in names where name.hasPrefix(stagingPrefix) {
            if let pid = name.dropFirst(stagingPrefix.count).split(separator: "-").first.flatMap({ Int32($0) }) {
                if pid == getpid() || kill(pid, 0) == 0 || errno == EPERM { continue }  // its process still runs
            }
            let path = directory + "/" + name
            if (try? FileManager.default.removeItem(atPath: path)) != nil { removed.append(path) }
        }
        // Earlier versions staged as `.NAME.UUID.tmp` (QR frame directories, files being written) with no process id:
        // those are removed once they are an hour old, which no write takes.
        for name in names where isOlderStaging(name) {
            let path = directory + "/" + name
            guard let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                  Date().timeIntervalSince(modified) > 3600 else { continue }
            if (try? FileManager.default.removeItem(atPath: path)) != nil { removed.append(path) }
        }
        return removed
    }

    /// `.NAME.UUID.tmp`, as earlier versions (and ``ProtectedFile/write(_:to:mode:sync:)``, before it links) name
    /// what they stage.
    static func isOlderStaging(_ name: String) -> Bool {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
        let parts = name.dropFirst().dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, let last = parts.last else { return false }
        return UUID(uuidString: String(last)) != nil
    }

    /// `directory` and those of its ancestors that do not exist, outermost first: the new directories a write into
    /// `directory` makes.
    public static func missingDirectories(for directory: String) -> [String] {
        var missing: [String] = []
        var current = standardized(directory)
        while current != "/" && !exists(current) {
            missing.insert(current, at: 0)
            current = parent(of: current)
        }
        return missing
    }

    // MARK: - Paths

    static func standardized(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }
    static func parent(of path: String) -> String { (path as NSString).deletingLastPathComponent }
    static func name(of path: String) -> String { (path as NSString).lastPathComponent }

    /// Whether anything (file, directory, link, even a dangling one) has this name.
    static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    static func requireDirectory(_ path: String) throws {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw SealPKIError.fileAccess(path: path, reason: errno == ENOENT ? "the directory does not exist" : errorText())
        }
        guard status.st_mode & S_IFMT == S_IFDIR else { throw SealPKIError.fileAccess(path: path, reason: "not a directory") }
    }

    private static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
