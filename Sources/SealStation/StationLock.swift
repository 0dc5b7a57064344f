import Foundation
import SealRegistry
#if canImport(Glibc)
import Glibc
#endif

extension Station {
    /// Runs `body` holding the station's exclusive lock (`<dir>/.station.lock`, flock): `issue`, `backup` and crash
    /// recovery take it, so recovery never removes the files of an issue still in progress and a backup sees no
    /// half-moved seal. The lock is released when the process dies, so a killed command never leaves it held.
    func withExclusiveLock<T>(_ body: () throws -> T) throws -> T {
        try Self.withExclusiveLock(directory: directory, body)
    }

    /// As ``withExclusiveLock(_:)`` for the station in `directory`, before a ``Station`` is made (opening).
    static func withExclusiveLock<T>(directory: URL, _ body: () throws -> T) throws -> T {
        let path = directory.appendingPathComponent(".station.lock").path
        let descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw RegistryError.database(operation: "lock \(path)", reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        // 0600 whatever the umask, like every station file (a lock file that exists already keeps its mode).
        _ = fchmod(descriptor, 0o600)
        while flock(descriptor, LOCK_EX) != 0 {
            if errno != EINTR { throw RegistryError.database(operation: "lock \(path)", reason: String(cString: strerror(errno))) }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}
