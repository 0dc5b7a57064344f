import Foundation
import SealBundle
import SealCrypto
import SealFiling
import SealPKI
import SealRegistry
import SealStation
import SealTestSupport
import Testing

/// The registry and everything SQLite makes beside it are 0600 while the station is open; directories are 0700.
@Suite("Station file modes")
struct StationFileModeTests {
    func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test("registry.sqlite and its -wal and -shm files are 0600 while open, the station directories 0700")
    func registryAndJournals() throws {
        let office = try OfficeFixture()
        _ = try office.issuedSeal()
        let path = office.station.database.path
        // The pool is open: SQLite has its write-ahead log and shared memory beside the registry.
        for file in [path, path + "-wal", path + "-shm"] {
            #expect(FileManager.default.fileExists(atPath: file), "\(file)")
            #expect(try mode(file) == 0o600, "\(file)")
        }
        let directory = office.station.directory.path
        for subdirectory in ["", "/ca", "/maker", "/issued", "/issued/11010800000001"] {
            #expect(try mode(directory + subdirectory) == 0o700, "\(subdirectory)")
        }
        #expect(try mode(directory + "/.station.lock") == 0o600)
        // A filing registry (the online side) likewise.
        let filing = try TemporaryDirectory()
        let database = try SQLiteFilingStore(path: filing.path("online/filings.sqlite"))
        #expect(try mode(database.path) == 0o600 && mode(filing.path("online")) == 0o700)
    }

    @Test("ProtectedFile.createDirectory makes every missing level 0700 and leaves existing ones alone; createEmpty is 0600 and exclusive")
    func protectedFileCreation() throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.url.path)
        try ProtectedFile.createDirectory(directory.path("a/b/c"))
        for level in ["a", "a/b", "a/b/c"] { #expect(try mode(directory.path(level)) == 0o700, "\(level)") }
        #expect(try mode(directory.url.path) == 0o755)
        try ProtectedFile.createDirectory(directory.path("a/b"))  // exists: fine
        try ProtectedFile.createEmpty(directory.path("a/empty"))
        #expect(try mode(directory.path("a/empty")) == 0o600)
        #expect(throws: SealPKIError.fileExists(path: directory.path("a/empty"))) { try ProtectedFile.createEmpty(directory.path("a/empty")) }
        #expect(throws: SealPKIError.self) { try ProtectedFile.createDirectory(directory.path("a/empty/below")) }
        // A secret file is refused for any group or other bit, accepted at 0600 and 0400.
        let secretPath = try directory.write("secret", text: "passphrase")
        for loose in [0o640, 0o604, 0o620, 0o602, 0o610, 0o601, 0o660, 0o606, 0o777] {
            try FileManager.default.setAttributes([.posixPermissions: loose], ofItemAtPath: secretPath)
            #expect(throws: SealPKIError.secretFileNotPrivate(path: secretPath, mode: UInt32(loose))) {
                try ProtectedFile.readSecret(secretPath, limit: 1024)
            }
        }
        for tight in [0o600, 0o400, 0o700] {
            try FileManager.default.setAttributes([.posixPermissions: tight], ofItemAtPath: secretPath)
            #expect(try ProtectedFile.readSecret(secretPath, limit: 1024) == Array("passphrase".utf8))
        }
        #expect("\(SealPKIError.secretFileNotPrivate(path: "/x/admin.pass", mode: 0o644))".contains("mode 0644") )
        #expect("\(SealPKIError.secretFileNotPrivate(path: "/x/admin.pass", mode: 0o644))".hasSuffix("chmod 600 /x/admin.pass"))
    }
}
