public import Foundation
public import SealCrypto
import SealPKI
public import SealRegistry
import SealASN1
import SealRender
import SwiftASN1

/// How a backup's key is protected.
public enum BackupKeySource: Sendable {
    /// A key derived from a backup passphrase with scrypt.
    case passphrase(SecretBytes, Scrypt.Parameters)
    /// A random key split into `count` Shamir shares, any `threshold` of which restore.
    case shares(threshold: Int, count: Int)
}

/// What opens a backup.
public enum BackupUnlock: Sendable {
    case passphrase(SecretBytes)
    case shares([BackupShare])
}

/// What a verified backup holds.
public struct BackupContents: Sendable, Codable {
    public var station: String
    public var createdAt: String
    public var auditHead: Int
    public var files: Int
    public var bytes: Int
}

/// What `backup` wrote.
public struct BackupResult: Sendable {
    /// The key shares, when the key was split.
    public var shares: [BackupShare]
    /// The share files written (`share-N.txt` and `share-N.png` for each share), when a share directory was given.
    public var shareFiles: [String]
    /// Staging directories of killed runs found beside the destinations and removed.
    public var removedLeftovers: [String]
}

extension Station {
    /// Writes one encrypted backup file (AES-256-GCM): a consistent snapshot of the registry (VACUUM INTO), the CA,
    /// maker and issued files (keys stay encrypted), and a manifest of SM3 digests signed by the station CA key.
    /// The backup is recorded in the audit log with a signed checkpoint, and the backup carries both. With split
    /// keys and `shareDirectory`, each share is written there as `share-N.txt` and `share-N.png` (QR).
    ///
    /// All or nothing: every destination is checked first (none may exist; the share directory may be new), the files
    /// are staged beside their destinations, and they are moved into place as the last step of the transaction that
    /// records the backup, so a failure leaves no file and no audit record.
    public func backup(
        by officer: OfficerRecord, to path: String, caKey: PrivateKey, keySource: BackupKeySource, shareDirectory: String? = nil,
        now: Date
    ) throws -> BackupResult {
        try require(officer, .administrator, to: "make backups")
        if FileManager.default.fileExists(atPath: path) { throw SealPKIError.fileExists(path: path) }
        if case .shares(let threshold, let count) = keySource {
            guard threshold >= 2, threshold <= count, count <= 255 else {
                throw RegistryError.invalidInput(field: "shares", reason: "need 2 ≤ K ≤ N ≤ 255, got \(threshold)-of-\(count)")
            }
        }
        return try withExclusiveLock {
            try writeBackup(by: officer, to: path, caKey: caKey, keySource: keySource, shareDirectory: shareDirectory, now: now)
        }
    }

    /// `share-N.txt` and `share-N.png` in `directory`.
    public static func shareFiles(index: UInt8, in directory: String) -> (text: String, png: String) {
        let base = (directory as NSString).appendingPathComponent("share-\(index)")
        return (base + ".txt", base + ".png")
    }

    private func writeBackup(
        by officer: OfficerRecord, to path: String, caKey: PrivateKey, keySource: BackupKeySource, shareDirectory: String?, now: Date
    ) throws -> BackupResult {
        // Every destination is checked before anything is written or recorded.
        var shareFiles: [String] = []
        var newDirectories: [String] = []
        if case .shares(_, let count) = keySource, let shareDirectory {
            for index in 1...count {
                let files = Self.shareFiles(index: UInt8(index), in: shareDirectory)
                shareFiles += [files.text, files.png]
            }
            newDirectories = StagedFiles.missingDirectories(for: shareDirectory)
        }
        let staged = try StagedFiles(destinations: [path] + shareFiles, newDirectories: newDirectories, directoryMode: 0o700)

        // The registry, as one consistent snapshot; the backup's own audit record and checkpoint are added to it in the
        // transaction that records them here, so the backup carries them and nothing is recorded if a file fails.
        let snapshot = directory.appendingPathComponent(".backup-snapshot-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: snapshot) }
        // Created empty and 0600 first: VACUUM INTO fills an empty file, and SQLite would otherwise make it 0644.
        try ProtectedFile.createEmpty(snapshot.path)
        var shares: [BackupShare] = []
        do {
            try database.backUp(into: snapshot.path, by: officer.name, fileName: (path as NSString).lastPathComponent, caKey: caKey, now: now) {
                stationName, auditHead in
                shares = try stageBackup(
                    staged, path: path, snapshot: snapshot, stationName: stationName, auditHead: auditHead, caKey: caKey,
                    keySource: keySource, shareDirectory: shareDirectory, now: now)
                // Last: the files appear under their names only if everything above succeeded.
                try staged.commit()
            }
        } catch {
            staged.rollback()
            throw error
        }
        return BackupResult(shares: shares, shareFiles: shareFiles, removedLeftovers: staged.removedLeftovers)
    }

    /// Builds the backup from `snapshot` and the station's files and writes it (and the shares) into `staged`.
    private func stageBackup(
        _ staged: StagedFiles, path: String, snapshot: URL, stationName: String, auditHead: Int64, caKey: PrivateKey,
        keySource: BackupKeySource, shareDirectory: String?, now: Date
    ) throws -> [BackupShare] {
        var files = [BackupPayload.Entry(path: "registry.sqlite", content: try ProtectedFile.read(snapshot.path, limit: Int.max))]
        for relative in try stationFiles() {
            files.append(BackupPayload.Entry(path: relative, content: try ProtectedFile.read(directory.appendingPathComponent(relative).path, limit: Int.max)))
        }
        let manifest = BackupPayload.Manifest(
            station: stationName, createdAt: SealASN1.SESTime.iso8601(now), auditHead: Int(auditHead), caCertificate: ca.certificate.derEncoded,
            entries: try files.map { .init(path: $0.path, size: $0.content.count, sm3: try SM3.hash($0.content)) })
        var manifestCoder = DER.Serializer()
        try manifestCoder.serialize(manifest)
        let manifestBytes = manifestCoder.serializedBytes
        let payload = BackupPayload(manifest: manifest, manifestBytes: manifestBytes[...], signature: try caKey.signature(for: manifestBytes), files: files)
        var payloadCoder = DER.Serializer()
        try payloadCoder.serialize(payload)

        // The key and the header.
        let nonce = try SecureRandom.bytes(count: AES256GCM.nonceSize)
        let key: SecretBytes, header: BackupHeader
        var shares: [BackupShare] = []
        switch keySource {
        case .passphrase(let passphrase, let parameters):
            let salt = try SecureRandom.bytes(count: 16)
            key = try Scrypt.deriveKey(passphrase, salt: salt, parameters: parameters)
            header = BackupHeader(nonce: nonce, scrypt: .init(salt: salt, n: Int(parameters.n), r: Int(parameters.r), p: Int(parameters.p)), shares: nil)
        case .shares(let threshold, let count):
            var raw = try SecureRandom.bytes(count: AES256GCM.keySize)
            let backupID = try SecureRandom.bytes(count: 8)
            shares = try ShamirSecretSharing.split(raw, threshold: threshold, count: count, random: SecureRandom.bytes)
                .map { BackupShare(backupID: backupID, threshold: threshold, share: $0) }
            key = SecretBytes(consuming: &raw)
            header = BackupHeader(nonce: nonce, scrypt: nil, shares: .init(threshold: threshold, count: count, backupID: backupID))
        }
        var headerCoder = DER.Serializer()
        try headerCoder.serialize(header)
        let headerBytes = headerCoder.serializedBytes
        let sealed = try AES256GCM.seal(payloadCoder.serializedBytes, key: key, nonce: nonce, aad: headerBytes)
        var fileCoder = DER.Serializer()
        try fileCoder.serialize(BackupFileStructure(header: header, headerBytes: headerBytes[...], sealed: sealed))
        try staged.write(fileCoder.serializedBytes, to: path, mode: ProtectedFile.secretMode)
        if let shareDirectory {
            for share in shares {
                let files = Self.shareFiles(index: share.share.index, in: shareDirectory)
                try staged.write(Array((share.text + "\n").utf8), to: files.text, mode: ProtectedFile.secretMode)
                try staged.write(try QRCodeImage.png(Array(share.text.utf8)), to: files.png, mode: ProtectedFile.secretMode)
            }
        }
        return shares
    }

    /// The station's files besides the registry (CA, maker, issued), relative to its directory, in a stable order:
    /// what a backup carries with the registry snapshot.
    public func stationFiles() throws -> [String] {
        var paths: [String] = []
        for top in ["ca", "maker", "issued"] {
            let root = directory.appendingPathComponent(top)
            guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            for case let url as URL in enumerator {
                let relative = top + "/" + url.path.dropFirst(root.path.count + 1)
                guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true,
                      !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") })
                else { continue }
                paths.append(relative)
            }
        }
        return paths.sorted()
    }
}

/// Reading backups: verify, and restore into a new location.
public enum StationBackup {
    /// The key source a backup file says it needs ("a passphrase" or "K of N shares").
    public static func keySource(of bytes: [UInt8]) throws -> String {
        let file = try parse(bytes)
        if let shares = file.header.shares { return "\(shares.threshold) of \(shares.count) shares" }
        return "a passphrase"
    }

    static func parse(_ bytes: [UInt8]) throws -> BackupFileStructure {
        do {
            let file = try BackupFileStructure(derEncoded: try DER.parse(bytes))
            guard file.header.format == BackupHeader.formatName, file.header.cipher == "aes-256-gcm",
                  file.header.nonce.count == AES256GCM.nonceSize, (file.header.scrypt == nil) != (file.header.shares == nil)
            else { throw BackupError.malformed(reason: "unknown format, cipher or key source") }
            return file
        } catch let error as BackupError {
            throw error
        } catch let error as ASN1Error where error.code == .truncatedASN1Field {
            throw BackupError.malformed(reason: "the file is truncated")
        } catch {
            throw BackupError.malformed(reason: "its header does not have the structure of a SealStation backup")
        }
    }

    /// Decrypts and checks a backup: the AEAD tag (any changed byte), the manifest signature by the CA key it
    /// carries (pinned to `anchor` when given), and every file's size and SM3. Returns the files.
    static func open(_ bytes: [UInt8], unlock: BackupUnlock, anchor: Certificate?) throws -> (BackupPayload, BackupContents) {
        let file = try parse(bytes)
        let key: SecretBytes
        switch (unlock, file.header.scrypt, file.header.shares) {
        case (.passphrase(let passphrase), let scrypt?, nil):
            // n, r and p were range-checked as the header was read (Scrypt.Limits.backup).
            key = try Scrypt.deriveKey(passphrase, salt: scrypt.salt, parameters: .init(n: UInt64(scrypt.n), r: UInt64(scrypt.r), p: UInt64(scrypt.p)),
                                       limits: .backup)
        case (.shares(let shares), nil, let parameters?):
            guard shares.allSatisfy({ $0.backupID == parameters.backupID }) else { throw BackupError.sharesFromAnotherBackup }
            if let other = shares.first(where: { $0.threshold != parameters.threshold }) {
                throw BackupError.malformedShare(
                    source: "share \(other.share.index)", reason: "it says \(other.threshold) shares restore, but the backup says \(parameters.threshold)")
            }
            // Threshold 2…255 (checked as the header was read), so the prefix below is never negative.
            let distinct = Dictionary(shares.map { ($0.share.index, $0.share) }, uniquingKeysWith: { a, _ in a })
            guard distinct.count >= parameters.threshold else {
                throw BackupError.tooFewShares(given: distinct.count, needed: parameters.threshold)
            }
            var raw = ShamirSecretSharing.combine(Array(distinct.values.sorted { $0.index < $1.index }.prefix(parameters.threshold)))
            key = SecretBytes(consuming: &raw)
        case (.passphrase, nil, _): throw BackupError.keySourceMismatch(expected: "shares")
        default: throw BackupError.keySourceMismatch(expected: "a passphrase")
        }
        guard let plain = try AES256GCM.open(file.sealed, key: key, nonce: file.header.nonce, aad: Array(file.headerBytes)) else {
            throw file.header.shares == nil ? BackupError.wrongPassphrase : BackupError.wrongShares
        }
        let payload: BackupPayload
        do {
            payload = try plain.withUnsafeBytes { try BackupPayload(derEncoded: try DER.parse(Array($0))) }
        } catch {
            throw BackupError.malformed(reason: "the decrypted payload does not parse (\(ParseProblem.describe(error)))")
        }
        let ca = try Certificate(derEncoded: payload.manifest.caCertificate)
        if let anchor, anchor != ca { throw BackupError.notTheAnchoredStation }
        guard try ca.publicKey.isValidSignature(payload.signature, for: payload.manifestBytes) else { throw BackupError.manifestSignatureInvalid }
        guard payload.manifest.entries.map(\.path) == payload.files.map(\.path) else {
            throw BackupError.contentMismatch(path: "manifest", reason: "the files differ from the manifest's list")
        }
        for (entry, file) in zip(payload.manifest.entries, payload.files) {
            try checkPath(file.path)
            guard file.content.count == entry.size, try SM3.hash(file.content) == entry.sm3 else {
                throw BackupError.contentMismatch(path: file.path, reason: "its SM3 or size differs from the signed manifest")
            }
        }
        guard payload.files.first?.path == "registry.sqlite" else { throw BackupError.contentMismatch(path: "registry.sqlite", reason: "missing") }
        let contents = BackupContents(
            station: payload.manifest.station, createdAt: payload.manifest.createdAt, auditHead: payload.manifest.auditHead,
            files: payload.files.count, bytes: payload.files.reduce(0) { $0 + $1.content.count })
        return (payload, contents)
    }

    static func checkPath(_ path: String) throws {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.hasPrefix("/"), !components.isEmpty,
              components.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("\\") && !$0.contains("\0") })
        else { throw BackupError.unsafePath(path) }
    }

    /// Verifies a backup and, unless `verifyOnly`, restores it into `directory`, which must not exist or be empty.
    /// All or nothing (``StagedFiles``): files are written into a staging directory beside their place and moved in
    /// only when all are written; a staging directory left by a killed restore is removed by the next one.
    @discardableResult
    public static func restore(_ bytes: [UInt8], unlock: BackupUnlock, into directory: URL, anchor: Certificate? = nil, verifyOnly: Bool) throws -> BackupContents {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: directory.path), !(try fileManager.contentsOfDirectory(atPath: directory.path)).isEmpty {
            throw BackupError.destinationNotEmpty(directory.path)
        }
        let (payload, contents) = try open(bytes, unlock: unlock, anchor: anchor)
        if verifyOnly { return contents }
        // The directories the files need, outermost first: the destination itself when new, then every subdirectory.
        var newDirectories = StagedFiles.missingDirectories(for: directory.path)
        var subdirectories = Set<String>()
        for file in payload.files {
            let components = file.path.split(separator: "/").map(String.init)
            for depth in stride(from: 1, to: components.count, by: 1) {
                subdirectories.insert(components.prefix(depth).joined(separator: "/"))
            }
        }
        newDirectories += subdirectories.sorted().map { directory.appendingPathComponent($0).path }
        let staged = try StagedFiles(
            destinations: payload.files.map { directory.appendingPathComponent($0.path).path }, newDirectories: newDirectories,
            directoryMode: 0o700)
        for file in payload.files {
            // A restored station is like a new one: every file 0600, every directory 0700.
            try staged.write(file.content, to: directory.appendingPathComponent(file.path).path, mode: ProtectedFile.secretMode)
        }
        try staged.commit()
        return contents
    }
}
