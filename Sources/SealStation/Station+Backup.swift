public import Foundation
import GRDB
public import SealCrypto
import SealPKI
public import SealRegistry
import SealASN1
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

extension Station {
    /// Writes one encrypted backup file (AES-256-GCM): a consistent snapshot of the registry (VACUUM INTO), the CA,
    /// maker and issued files (keys stay encrypted), and a manifest of SM3 digests signed by the station CA key.
    /// Records the backup in the audit log and signs a checkpoint first, so the backup carries both. Returns the
    /// shares when the key is split.
    public func backup(by officer: OfficerRecord, to path: String, caKey: PrivateKey, keySource: BackupKeySource, now: Date) throws -> [BackupShare] {
        try require(officer, .administrator, to: "make backups")
        if FileManager.default.fileExists(atPath: path) { throw SealPKIError.fileExists(path: path) }
        return try withExclusiveLock { try writeBackup(by: officer, to: path, caKey: caKey, keySource: keySource, now: now) }
    }

    private func writeBackup(by officer: OfficerRecord, to path: String, caKey: PrivateKey, keySource: BackupKeySource, now: Date) throws -> [BackupShare] {
        try transaction("backup audit") { db in
            try AuditLog.append(db, officer: officer.name, action: "backup.create", object: "backup", details: ["file": (path as NSString).lastPathComponent], now: now)
            try Self.signCheckpoints(db, caKey: caKey, reason: "backup", now: now, includeHead: true)
        }
        // The registry, as one consistent snapshot.
        let snapshot = directory.appendingPathComponent(".backup-snapshot-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: snapshot) }
        // VACUUM INTO runs outside a transaction; holding the writer keeps other writes out while it copies.
        let (stationName, auditHead): (String, Int64)
        do {
            (stationName, auditHead) = try database.writer.writeWithoutTransaction { db -> (String, Int64) in
                try db.execute(sql: "VACUUM INTO ?", arguments: [snapshot.path])
                let name = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'station.name'") ?? ""
                let head = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM audit") ?? 0
                return (name, head)
            }
        } catch {
            throw RegistryError.database(operation: "snapshot", reason: "\(error)")
        }
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
            guard threshold >= 2, threshold <= count, count <= 255 else {
                throw RegistryError.invalidInput(field: "shares", reason: "need 2 ≤ K ≤ N ≤ 255, got \(threshold)-of-\(count)")
            }
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
        try ProtectedFile.write(fileCoder.serializedBytes, to: path, mode: ProtectedFile.secretMode)
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
        } catch {
            throw BackupError.malformed(reason: "\(error)")
        }
    }

    /// Decrypts and checks a backup: the AEAD tag (any changed byte), the manifest signature by the CA key it
    /// carries (pinned to `anchor` when given), and every file's size and SM3. Returns the files.
    static func open(_ bytes: [UInt8], unlock: BackupUnlock, anchor: Certificate?) throws -> (BackupPayload, BackupContents) {
        let file = try parse(bytes)
        let key: SecretBytes
        switch (unlock, file.header.scrypt, file.header.shares) {
        case (.passphrase(let passphrase), let scrypt?, nil):
            guard scrypt.n > 1, scrypt.n <= 1 << 22, scrypt.r > 0, scrypt.r <= 32, scrypt.p > 0, scrypt.p <= 16 else {
                throw BackupError.malformed(reason: "implausible scrypt parameters")
            }
            key = try Scrypt.deriveKey(passphrase, salt: scrypt.salt, parameters: .init(n: UInt64(scrypt.n), r: UInt64(scrypt.r), p: UInt64(scrypt.p)))
        case (.shares(let shares), nil, let parameters?):
            guard shares.allSatisfy({ $0.backupID == parameters.backupID }) else { throw BackupError.sharesFromAnotherBackup }
            // known defect, fixed on parsers branch: a threshold below 1 trapped in the negative `prefix` below.
            guard parameters.threshold >= 1 else { throw BackupError.malformed(reason: "the share threshold is out of range") }
            let distinct = Dictionary(shares.map { ($0.share.index, $0.share) }, uniquingKeysWith: { a, _ in a })
            guard distinct.count >= parameters.threshold else {
                throw BackupError.tooFewShares(given: distinct.count, needed: parameters.threshold)
            }
            var raw = ShamirSecretSharing.combine(Array(distinct.values.prefix(parameters.threshold)))
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
            throw BackupError.malformed(reason: "the decrypted payload does not parse (\(error))")
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
    /// Files are written into a staging directory beside it and moved into place only when all are written.
    @discardableResult
    public static func restore(_ bytes: [UInt8], unlock: BackupUnlock, into directory: URL, anchor: Certificate? = nil, verifyOnly: Bool) throws -> BackupContents {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: directory.path), !(try fileManager.contentsOfDirectory(atPath: directory.path)).isEmpty {
            throw BackupError.destinationNotEmpty(directory.path)
        }
        let (payload, contents) = try open(bytes, unlock: unlock, anchor: anchor)
        if verifyOnly { return contents }
        let parent = directory.deletingLastPathComponent()
        try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".restore-\(UUID().uuidString)")
        defer { try? fileManager.removeItem(at: staging) }
        for file in payload.files {
            let target = staging.appendingPathComponent(file.path)
            try fileManager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            let secret = file.path.hasSuffix(".p8")
            try ProtectedFile.write(file.content, to: target.path, mode: secret ? ProtectedFile.secretMode : ProtectedFile.publicMode)
        }
        if fileManager.fileExists(atPath: directory.path) { try fileManager.removeItem(at: directory) }  // empty, checked above
        try fileManager.moveItem(at: staging, to: directory)
        return contents
    }
}
