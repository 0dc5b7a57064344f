public import Foundation
public import SealCrypto

/// A BagIt 1.0 bag (RFC 8493) built in memory: payload files under `data/`, `bagit.txt`, `bag-info.txt`, payload
/// manifests and tag manifests for SHA-256 and SM3 (both required by SealStation's filing bundles), and optional
/// extra tag files that are not listed in the tag manifests (the detached signature over a tag manifest).
public struct BagItBag: Sendable {
    /// One file of the bag, by its path inside the bag (`/`-separated, relative).
    public struct File: Sendable, Equatable {
        public var path: String
        public var bytes: [UInt8]

        public init(path: String, bytes: [UInt8]) {
            self.path = path
            self.bytes = bytes
        }
    }

    /// The checksum algorithms of the manifests; their raw values are the BagIt names (`manifest-sha256.txt`…).
    public static let algorithms: [DigestAlgorithm] = [.sha256, .sm3]

    /// Payload files, by path relative to `data/`.
    public private(set) var payload: [File] = []
    /// The payload's paths, for the duplicate check (a set: adding N files stays linear).
    private var payloadPaths: Set<String> = []
    /// `bag-info.txt` fields, in order (labels may repeat, as RFC 8493 §2.2.2 allows).
    public var info: [(label: String, value: String)] = []

    public init() {}

    /// Adds a payload file at `path` (relative to `data/`); absolute paths, `..`, empty segments, backslashes,
    /// control characters, `%` and duplicates are refused. (RFC 8493 percent-encodes `%`, CR and LF in manifests, but
    /// bagit-python 1.9 does not decode `%25`; SealStation names its files, so it simply never uses them.)
    public mutating func add(_ path: String, _ bytes: [UInt8]) throws {
        try Self.checkRelativePath(path)
        guard payloadPaths.insert(path).inserted else { throw BagItError.duplicatePath(path) }
        payload.append(File(path: path, bytes: bytes))
    }

    /// Every file of the bag, tag files first, in a stable order. `signTagManifest` receives the SM3 tag manifest
    /// bytes and returns extra tag files to add (not covered by the tag manifests).
    public func files(signTagManifest: (([UInt8]) throws -> [File])? = nil) throws -> [File] {
        let dataFiles = payload.sorted { $0.path < $1.path }.map { File(path: "data/" + $0.path, bytes: $0.bytes) }
        var tagFiles = [
            File(path: "bagit.txt", bytes: Array("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".utf8)),
            File(path: "bag-info.txt", bytes: Array(try infoText().utf8)),
        ]
        // Both digests of every payload file, computed once on all cores.
        let payloadDigests = try BagItValidation.digests(of: dataFiles)
        for algorithm in Self.algorithms {
            tagFiles.append(File(path: "manifest-\(algorithm.rawValue).txt", bytes: Self.manifest(dataFiles, algorithm: algorithm, digests: payloadDigests)))
        }
        let tagDigests = try BagItValidation.digests(of: tagFiles)
        var tagManifests: [File] = []
        for algorithm in Self.algorithms {
            tagManifests.append(File(path: "tagmanifest-\(algorithm.rawValue).txt", bytes: Self.manifest(tagFiles, algorithm: algorithm, digests: tagDigests)))
        }
        let extra = try signTagManifest?(tagManifests.first { $0.path == "tagmanifest-sm3.txt" }!.bytes) ?? []
        for file in extra { try Self.checkRelativePath(file.path) }
        return tagFiles + tagManifests + extra + dataFiles
    }

    /// Writes the bag into `directory` (which must not exist yet).
    public func write(to directory: URL, signTagManifest: (([UInt8]) throws -> [File])? = nil) throws {
        guard !FileManager.default.fileExists(atPath: directory.path) else { throw BagItError.destinationExists(directory.path) }
        for file in try files(signTagManifest: signTagManifest) {
            let url = directory.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.bytes).write(to: url)
        }
    }

    /// `bag-info.txt`: `Label: value` lines; values may not contain line breaks.
    func infoText() throws -> String {
        try info.map { label, value in
            guard !label.isEmpty, !label.contains(":"), label.trimmingCharacters(in: .whitespaces) == label,
                  !value.contains(where: \.isNewline), !label.contains(where: \.isNewline)
            else { throw BagItError.invalidInfo(label) }
            return "\(label): \(value)\n"
        }.joined()
    }

    /// `<hex digest>  <path>` lines, sorted by path (paths never hold CR, LF or `%`, so none needs encoding).
    static func manifest(_ files: [File], algorithm digest: DigestAlgorithm, digests: [String: [DigestAlgorithm: String]]) -> [UInt8] {
        manifest(paths: files.map(\.path), algorithm: digest, digests: digests)
    }

    /// The manifest of the files at `paths`.
    static func manifest(paths: [String], algorithm digest: DigestAlgorithm, digests: [String: [DigestAlgorithm: String]]) -> [UInt8] {
        var text = ""
        for path in paths.sorted() {
            text += (digests[path]?[digest] ?? "") + "  " + path + "\n"
        }
        return Array(text.utf8)
    }

    /// One pass over the path's scalars (it runs once per member of every bundle read): no empty, `.` or `..`
    /// segment (so no leading `/`), no backslash, `%` or control character (general category Cc: U+0000–U+001F,
    /// U+007F–U+009F).
    static func checkRelativePath(_ path: String) throws {
        var segmentLength = 0, segmentDots = 0
        func segmentIsUnsafe() -> Bool { segmentLength == 0 || segmentDots == segmentLength && segmentLength <= 2 }
        for scalar in path.unicodeScalars {
            let value = scalar.value
            if value == 0x2F {  // "/"
                if segmentIsUnsafe() { throw BagItError.unsafePath(path) }
                segmentLength = 0
                segmentDots = 0
                continue
            }
            guard value != 0x5C, value != 0x25, value >= 0x20, !(0x7F...0x9F).contains(value) else { throw BagItError.unsafePath(path) }
            segmentLength += 1
            if value == 0x2E { segmentDots += 1 }
        }
        if segmentIsUnsafe() { throw BagItError.unsafePath(path) }
    }
}

/// Problems building or reading a bag; each names the path or field.
public enum BagItError: Error, Equatable, CustomStringConvertible, Sendable {
    case unsafePath(String)
    case duplicatePath(String)
    case invalidInfo(String)
    case destinationExists(String)

    public var description: String {
        switch self {
        case .unsafePath(let path): return "'\(path)' is not a safe relative path (absolute, '..', empty segment, backslash, '%' or control character)"
        case .duplicatePath(let path): return "'\(path)' is in the bag twice"
        case .invalidInfo(let label): return "bag-info field '\(label)' has a colon, surrounding space or a line break"
        case .destinationExists(let path): return "\(path) exists already; a bag is written only into a new directory"
        }
    }
}
