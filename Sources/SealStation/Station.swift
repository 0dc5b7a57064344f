public import Foundation
import GRDB
public import SealCrypto
public import SealPKI
public import SealRegistry
public import SealRender
import SealSES

/// The station: its registry, station CA and seal-maker key, and the functions of the municipal rules — 申请, 审批,
/// 制作, 备案 (registry), 查询, 变更, 注销 and 使用管理 — with the role checks of 三员分立.
/// Files: `<dir>/registry.sqlite`, `<dir>/ca/` (station CA), `<dir>/maker/` (seal-maker key and certificate),
/// `<dir>/issued/<esID>/` (file custody of each holder's key, certificate chain, seal and image).
public final class Station {
    public let directory: URL
    public let database: StationDatabase
    public let ca: StationCA
    /// The seal-maker (制章人) certificate.
    public let makerCertificate: Certificate
    /// The templates the station renders with.
    public let templates: TemplateLibrary

    static let makerKeyFile = "maker/maker-key.p8", makerCertificateFile = "maker/maker-cert.der"
    /// Wrong passphrases before an officer is locked.
    public static let maximumFailedAttempts = 5

    /// The registry path used when none is given: `$SEALSTATION_DB`, else `~/.local/share/sealstation/registry.sqlite`.
    public static var defaultDatabasePath: String {
        if let path = ProcessInfo.processInfo.environment["SEALSTATION_DB"], !path.isEmpty { return path }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share/sealstation/registry.sqlite").path
    }

    private init(directory: URL, database: StationDatabase, templates: TemplateLibrary) throws {
        self.directory = directory
        self.database = database
        self.ca = try StationCA(directory: directory.appendingPathComponent("ca"))
        self.makerCertificate = try Certificate(derEncoded: ProtectedFile.read(directory.appendingPathComponent(Self.makerCertificateFile).path))
        self.templates = templates
    }

    /// Opens the station whose registry is at `databasePath`, first tidying what an interrupted command may have
    /// left (see `recover`).
    public static func open(databasePath: String, templates: TemplateLibrary) throws -> Station {
        let database = try StationDatabase(path: databasePath, create: false)
        let station = try Station(directory: URL(fileURLWithPath: databasePath).deletingLastPathComponent(), database: database, templates: templates)
        try station.recover()
        return station
    }

    /// Crash recovery: an `issue` killed before its transaction committed leaves a staging directory, or (killed
    /// between moving the files and committing) a seal directory with no registry row; a killed `backup` leaves a
    /// snapshot. The registry is the truth: such leftovers are removed, so every seal is either fully issued (files,
    /// registry row and audit record) or absent.
    public func recover() throws {
        try withExclusiveLock { try removeLeftovers() }
    }

    private func removeLeftovers() throws {
        let fileManager = FileManager.default
        for name in (try? fileManager.contentsOfDirectory(atPath: directory.path)) ?? [] where name.hasPrefix(".backup-snapshot-") {
            try? fileManager.removeItem(at: directory.appendingPathComponent(name))
        }
        let issued = directory.appendingPathComponent("issued")
        guard let names = try? fileManager.contentsOfDirectory(atPath: issued.path) else { return }
        let registered = Set(try read { db in try String.fetchAll(db, sql: "SELECT esID FROM seal") })
        for name in names where name.hasPrefix(".staging-") || (!name.hasPrefix(".") && !registered.contains(name)) {
            try fileManager.removeItem(at: issued.appendingPathComponent(name))
        }
    }

    /// Creates a station: the registry, the station CA (SM2 root) and the seal-maker key and certificate (keys
    /// encrypted under `stationPassphrase`), and the first administrator.
    /// - Throws: `RegistryError.stationExists` when the registry or the CA is already there; nothing is overwritten.
    public static func initialize(
        databasePath: String, stationName: String, organization: String, administrator: String,
        administratorPassphrase: SecretBytes, stationPassphrase: SecretBytes, templates: TemplateLibrary,
        keyEncryption: KeyEncryption = .default, now: Date
    ) throws -> Station {
        let directory = URL(fileURLWithPath: databasePath).deletingLastPathComponent()
        let fileManager = FileManager.default
        for path in [databasePath, directory.appendingPathComponent("ca").path, directory.appendingPathComponent("maker").path]
        where fileManager.fileExists(atPath: path) {
            throw RegistryError.stationExists(path: path)
        }
        try fileManager.createDirectory(at: directory.appendingPathComponent("maker"), withIntermediateDirectories: true)
        let ca = try StationCA.create(
            in: directory.appendingPathComponent("ca"),
            subject: DistinguishedName([.init(type: "C", value: "CN"), .init(type: "O", value: organization),
                                        .init(type: "CN", value: "\(stationName) 根CA")]),
            passphrase: stationPassphrase, encryption: keyEncryption, now: now)
        let caKey = try ca.unlockKey(passphrase: stationPassphrase)
        let makerKey = try PrivateKey.generate(.sm2)
        let maker = try ca.issue(
            role: .maker,
            subject: DistinguishedName([.init(type: "C", value: "CN"), .init(type: "O", value: organization),
                                        .init(type: "CN", value: "\(stationName) 制章人")]),
            publicKey: makerKey.publicKey, validityDays: min(3650, Int(ca.certificate.notAfter.timeIntervalSince(now) / 86_400)),
            caKey: caKey, now: now)
        try ProtectedFile.write(
            makerKey.encryptedPKCS8(passphrase: stationPassphrase, encryption: keyEncryption),
            to: directory.appendingPathComponent(makerKeyFile).path, mode: ProtectedFile.secretMode)
        try ProtectedFile.write(maker.derEncoded, to: directory.appendingPathComponent(makerCertificateFile).path, mode: ProtectedFile.publicMode)
        let database = try StationDatabase(path: databasePath, create: true)
        let hash = try PasswordHash.make(administratorPassphrase)
        try database.writer.write { db in
            try db.execute(sql: "INSERT INTO setting(key, value) VALUES ('station.name', ?), ('station.organization', ?)",
                           arguments: [stationName, organization])
            var admin = OfficerRecord(
                id: nil, name: administrator, role: .administrator, passphraseHash: hash, failedAttempts: 0, locked: false, createdAt: now)
            try admin.insert(db)
            try AuditLog.append(db, officer: administrator, action: "station.init", object: "station", details: [
                "name": stationName, "organization": organization, "caSM3": Hex.encode(ca.certificate.fingerprint),
                "makerSM3": Hex.encode(maker.fingerprint),
            ], now: now)
            try AuditLog.append(db, officer: administrator, action: "officer.add", object: "officer:\(administrator)",
                                details: ["role": OfficerRole.administrator.rawValue], now: now)
        }
        return try Station(directory: directory, database: database, templates: templates)
    }

    func transaction<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try database.writer.write(body)
        } catch let error as RegistryError {
            throw error
        } catch let error as DatabaseError {
            throw RegistryError.database(operation: operation, reason: error.message ?? "\(error)")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try database.writer.read(body)
        } catch let error as RegistryError {
            throw error
        } catch let error as DatabaseError {
            throw RegistryError.database(operation: "read", reason: error.message ?? "\(error)")
        }
    }
}
