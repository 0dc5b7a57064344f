import Dispatch
import Foundation
public import SealCrypto

/// Checks a bag read from an archive against RFC 8493 as SealStation writes it: `bagit.txt` declares 1.0 and UTF-8;
/// the SHA-256 and SM3 payload manifests list exactly the files under `data/`, with matching digests; the two tag
/// manifests list exactly the tag files (bagit.txt, bag-info.txt, the payload manifests) with matching digests.
/// Files under `signatures/` are outside the manifests (they sign the SM3 tag manifest).
public enum BagItValidation {
    /// The first problem found, or nothing for a complete and valid bag.
    /// - Parameter digests: every file's digests when the caller computed them as it read the files (the one-pass
    ///   archive reader does); nil computes them here.
    /// - Returns: every file's digests (path → algorithm → lower-case hex), computed once, on all cores.
    @discardableResult
    public static func validate(_ files: [BagItBag.File], digests known: [String: [DigestAlgorithm: String]]? = nil) throws -> [String: [DigestAlgorithm: String]] {
        try validate(members: files.map(BundleMember.init), digests: known ?? digests(of: files))
    }

    /// ``validate(_:digests:)`` for members read by ``BundleArchive``, some left in the file (their digests are
    /// `known`, computed as the archive was read; nil reads and hashes them here).
    @discardableResult
    public static func validate(members: [BundleMember], digests known: [String: [DigestAlgorithm: String]]?) throws -> [String: [DigestAlgorithm: String]] {
        // The tag files' bytes (the one-pass reader keeps them in memory); for members left in the file only their
        // presence is looked up here, so they map to nothing read.
        var byPath: [String: [UInt8]] = [:]
        for member in members { byPath[member.path] = member.bytes.held ?? [] }
        guard let declaration = byPath["bagit.txt"] else { throw BagItValidationError.missing("bagit.txt") }
        guard String(decoding: declaration, as: UTF8.self) == "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n" else {
            throw BagItValidationError.badDeclaration
        }
        guard byPath["bag-info.txt"] != nil else { throw BagItValidationError.missing("bag-info.txt") }
        for algorithm in BagItBag.algorithms {
            for name in ["manifest-\(algorithm.rawValue).txt", "tagmanifest-\(algorithm.rawValue).txt"] where byPath[name] == nil {
                throw BagItValidationError.missing(name)
            }
        }
        let payload = Set(byPath.keys.filter { $0.hasPrefix("data/") })
        let tagFiles = Set(["bagit.txt", "bag-info.txt"] + BagItBag.algorithms.map { "manifest-\($0.rawValue).txt" })
        let digests = try known ?? digests(of: members.map { BagItBag.File(path: $0.path, bytes: try $0.bytes.read()) })
        for algorithm in BagItBag.algorithms {
            try check(manifest: "manifest-\(algorithm.rawValue).txt", covering: payload, algorithm: algorithm, in: byPath, digests: digests)
            try check(manifest: "tagmanifest-\(algorithm.rawValue).txt", covering: tagFiles, algorithm: algorithm, in: byPath, digests: digests)
        }
        return digests
    }

    /// Checks that the manifests are exactly what ``BagItBag`` writes for these files (sorted lines, lower-case hex, two
    /// spaces, nothing else) and that the members come in its order (tag files, signatures, then the payload sorted),
    /// so that no byte of a bag is free to change: bagit.py reads manifests loosely, SealStation's bags have one form.
    public static func checkCanonicalForm(_ files: [BagItBag.File], digests: [String: [DigestAlgorithm: String]]) throws {
        try checkCanonicalForm(members: files.map(BundleMember.init), digests: digests)
    }

    /// ``checkCanonicalForm(_:digests:)`` for members read by ``BundleArchive``.
    public static func checkCanonicalForm(members: [BundleMember], digests: [String: [DigestAlgorithm: String]]) throws {
        let tagOrder = ["bagit.txt", "bag-info.txt"] + BagItBag.algorithms.map { "manifest-\($0.rawValue).txt" }
        let tagManifests = BagItBag.algorithms.map { "tagmanifest-\($0.rawValue).txt" }
        let paths = members.map(\.path)
        let payload = paths.filter { $0.hasPrefix("data/") }
        let extra = paths.filter { $0.hasPrefix("signatures/") }.sorted()
        let expected = tagOrder + tagManifests + extra + payload.sorted()
        guard paths == expected else { throw BagItValidationError.notCanonical("the members' order") }
        var byPath: [String: [UInt8]] = [:]
        for member in members { if let bytes = member.bytes.held { byPath[member.path] = bytes } }
        let tagFiles = paths.filter { tagOrder.contains($0) }
        for algorithm in BagItBag.algorithms {
            let manifest = "manifest-\(algorithm.rawValue).txt", tagManifest = "tagmanifest-\(algorithm.rawValue).txt"
            guard byPath[manifest] == BagItBag.manifest(paths: payload, algorithm: algorithm, digests: digests) else {
                throw BagItValidationError.notCanonical(manifest)
            }
            guard byPath[tagManifest] == BagItBag.manifest(paths: tagFiles, algorithm: algorithm, digests: digests) else {
                throw BagItValidationError.notCanonical(tagManifest)
            }
        }
    }

    /// Every file's SHA-256 and SM3, the files shared out over the cores.
    static func digests(of files: [BagItBag.File]) throws -> [String: [DigestAlgorithm: String]] {
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var values: [String: [DigestAlgorithm: String]] = [:]
            var error: (any Error)?
        }
        let results = Results()
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < files.count {
                let file = files[index]
                do {
                    var entry: [DigestAlgorithm: String] = [:]
                    for algorithm in BagItBag.algorithms { entry[algorithm] = Hex.encode(try algorithm.hash(file.bytes)) }
                    results.lock.withLock { results.values[file.path] = entry }
                } catch {
                    results.lock.withLock { results.error = error }
                }
                index += workers
            }
        }
        if let error = results.error { throw error }
        return results.values
    }

    static func check(
        manifest name: String, covering expected: Set<String>, algorithm digest: DigestAlgorithm, in files: [String: [UInt8]],
        digests: [String: [DigestAlgorithm: String]]
    ) throws {
        guard let bytes = files[name] else { throw BagItValidationError.missing(name) }
        var listed = Set<String>()
        for (number, line) in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.isEmpty {
            guard let space = line.firstIndex(of: " ") else { throw BagItValidationError.malformedLine(name, number + 1) }
            let hex = String(line[..<space]).lowercased()
            let path = String(line[space...].drop { $0 == " " })
            guard hex.count == 64, !path.isEmpty else { throw BagItValidationError.malformedLine(name, number + 1) }
            guard files[path] != nil else { throw BagItValidationError.missing(path) }
            guard expected.contains(path) else { throw BagItValidationError.unexpectedEntry(name, path) }
            guard listed.insert(path).inserted else { throw BagItValidationError.duplicateEntry(name, path) }
            guard digests[path]?[digest] == hex else {
                throw BagItValidationError.digestMismatch(name, path)
            }
        }
        if let unlisted = expected.subtracting(listed).sorted().first { throw BagItValidationError.notInManifest(name, unlisted) }
    }
}

/// Why a bag is not valid; each names the file and, where there is one, the manifest.
public enum BagItValidationError: Error, Equatable, CustomStringConvertible, Sendable {
    case missing(String)
    case badDeclaration
    case malformedLine(String, Int)
    case unexpectedEntry(String, String)
    case duplicateEntry(String, String)
    case digestMismatch(String, String)
    case notInManifest(String, String)
    case notCanonical(String)

    public var description: String {
        switch self {
        case .missing(let file): return "the bag has no \(file)"
        case .badDeclaration: return "bagit.txt does not declare BagIt 1.0 with UTF-8 tag files"
        case .malformedLine(let manifest, let line): return "\(manifest) line \(line) is not '<digest> <path>'"
        case .unexpectedEntry(let manifest, let path): return "\(manifest) lists \(path), which is not in the bag or not covered by it"
        case .duplicateEntry(let manifest, let path): return "\(manifest) lists \(path) twice"
        case .digestMismatch(let manifest, let path): return "\(path) does not match its digest in \(manifest)"
        case .notInManifest(let manifest, let path): return "\(path) is not listed in \(manifest)"
        case .notCanonical(let what): return "\(what) is not in the form SealStation writes (reformatted, reordered or with extra lines)"
        }
    }
}
