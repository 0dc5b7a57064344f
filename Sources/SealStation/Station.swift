import SealAudit
public import Foundation
public import SealCrypto
public import SealPKI
public import SealRegistry
public import SealRender
public import SealToken
import SealSES

/// The station: its registry, station CA and seal-maker key, and the functions of the municipal rules — 申请, 审批,
/// 制作, 备案 (registry), 查询, 变更, 注销 and 使用管理 — with the role checks of 三员分立.
/// Files: `<dir>/registry.sqlite`, `<dir>/ca/` (station CA), `<dir>/maker/` (seal-maker key and certificate),
/// `<dir>/issued/<esID>/` (file custody of each holder's key, certificate chain, seal and image). Every file the
/// station creates is 0600 and every directory 0700, the mode set before anything is written (whatever the umask).
///
/// Sendable: one station may serve concurrent requests (the web console). Every stored property is immutable and
/// Sendable; the registry serialises writes (one SQLite writer, WAL readers), and the steps that must not interleave
/// with another process's (issue, backup, export, recovery) hold the station's file lock.
public final class Station: Sendable {
    public let directory: URL
    public let database: StationDatabase
    public let ca: StationCA
    /// The seal-maker (制章人) certificate.
    public let makerCertificate: Certificate
    /// The templates the station renders with.
    public let templates: TemplateLibrary
    /// The PKCS#11 vendor profiles the station reaches tokens through.
    public let vendorProfiles: VendorProfileTable

    static let makerKeyFile = "maker/maker-key.p8", makerCertificateFile = "maker/maker-cert.der"
    /// Present instead of `maker-key.p8` when the seal-maker key lives on a token: its ``KeyCustody`` (`token:<label>
    /// serial:<serial>`).
    static let makerCustodyFile = "maker/maker-custody.txt"
    /// The CKA_ID of the seal-maker key pair and certificate on a token.
    public static let makerTokenID = Array("sealstation-maker".utf8)

    /// Where the seal-maker key is kept: nil for the encrypted file `maker/maker-key.p8`, else its token.
    /// - Throws: `RegistryError.invalidInput` when `maker/maker-custody.txt` holds no custody.
    public var makerCustody: KeyCustody? {
        get throws {
            guard let bytes = try? ProtectedFile.read(directory.appendingPathComponent(Self.makerCustodyFile).path) else { return nil }
            let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let custody = KeyCustody(storedText: text) else {
                throw RegistryError.invalidInput(field: Self.makerCustodyFile, reason: "\"\(text)\" is not token:<label> serial:<serial>")
            }
            return custody
        }
    }
    /// Wrong passphrases before an officer is locked.
    public static let maximumFailedAttempts = 5

    /// The registry path used when none is given: `$SEALSTATION_DB`, else `~/.local/share/sealstation/registry.sqlite`.
    public static var defaultDatabasePath: String {
        if let path = ProcessInfo.processInfo.environment["SEALSTATION_DB"], !path.isEmpty { return path }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share/sealstation/registry.sqlite").path
    }

    private init(directory: URL, database: StationDatabase, templates: TemplateLibrary, vendorProfiles: VendorProfileTable) throws {
        self.directory = directory
        self.database = database
        self.ca = try StationCA(directory: directory.appendingPathComponent("ca"))
        self.makerCertificate = try Certificate(derEncoded: ProtectedFile.read(directory.appendingPathComponent(Self.makerCertificateFile).path))
        self.templates = templates
        self.vendorProfiles = vendorProfiles
    }

    /// Opens the station whose registry is at `databasePath`, first tidying what an interrupted command may have
    /// left (see `recover`). A registry from an older version is backed up and migrated (see `StationDatabase`); one
    /// from before pinning has its data pinned by this open (audited) when `shippedData` says the templates and
    /// vendor profiles are those installed with the program — data named by a flag or a variable is left for an
    /// administrator to accept with `templates pin`, and until then `apply` and `issue` refuse it.
    public static func open(
        databasePath: String, templates: TemplateLibrary, vendorProfiles: VendorProfileTable, shippedData: Bool = false,
        now: Date = Date()
    ) throws -> Station {
        let database = try StationDatabase(path: databasePath, create: false, now: now)
        let directory = URL(fileURLWithPath: databasePath).deletingLastPathComponent()
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent(makerRenewalDirectory).path) {
            try withExclusiveLock(directory: directory) { try finishMakerRenewal(directory: directory, database: database) }
        }
        let station = try Station(directory: directory, database: database, templates: templates, vendorProfiles: vendorProfiles)
        try station.recover()
        if database.upgradedFrom != nil {
            try station.tightenModes(now: now)
            if shippedData { try station.pinOnFirstOpen(now: now) }
        }
        return station
    }

    /// Earlier versions made the registry 0644 and `ca/`, `maker/`, `issued/` 0755: on the open that upgrades such a
    /// station, every file of the registry and those directories is made 0600 and every directory 0700 (owner only),
    /// and the change is audited (`station.modes`, with the count). Links are left alone.
    func tightenModes(now: Date) throws {
        let fileManager = FileManager.default
        let roots = ["registry.sqlite", "registry.sqlite-wal", "registry.sqlite-shm", "ca", "maker", "issued"]
            .map { directory.appendingPathComponent($0).path }
        var tightened = 0
        func tighten(_ path: String) throws {
            if try ProtectedFile.makeOwnerOnly(path) { tightened += 1 }
        }
        for root in roots {
            try tighten(root)
            guard let enumerator = fileManager.enumerator(atPath: root) else { continue }
            for case let relative as String in enumerator { try tighten(root + "/" + relative) }
        }
        guard tightened > 0 else { return }
        try database.appendAudit("record tightened modes", officer: "sealstation (upgrade)", action: .stationModes, object: .station,
                                 details: ["madeOwnerOnly": String(tightened), "directory": directory.path], now: now)
    }

    /// Crash recovery: an `issue` killed before its transaction committed leaves a staging directory, or (killed
    /// between moving the files and committing) a seal directory with no registry row; a killed `backup` leaves a
    /// snapshot. The registry is the truth: such leftovers are removed, so every seal is either fully issued (files,
    /// registry row and audit record) or absent. (A killed maker renewal leaves `maker/.renewal/`: ``open`` finishes
    /// it when the registry records the renewal and removes it otherwise, before the maker certificate is read.)
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
        let registered = try database.sealESIDs()
        for name in names where name.hasPrefix(".staging-") || (!name.hasPrefix(".") && !registered.contains(name)) {
            try fileManager.removeItem(at: issued.appendingPathComponent(name))
        }
    }

    /// Creates a station: the registry, the station CA (SM2 root) and the seal-maker key and certificate (keys
    /// encrypted under `stationPassphrase`, or the maker key generated on `makerToken` when its vendor profile offers
    /// SM2), and the first administrator.
    /// - Throws: `RegistryError.stationExists` when the registry or the CA is already there; nothing is overwritten.
    ///   A maker token without SM2 is refused before anything is written: the maker key must be SM2, so on such a
    ///   token it stays in software.
    public static func initialize(
        databasePath: String, stationName: String, organization: String, administrator: String,
        administratorPassphrase: SecretBytes, stationPassphrase: SecretBytes, templates: TemplateLibrary,
        vendorProfiles: VendorProfileTable, keyEncryption: KeyEncryption = .default, makerToken: TokenKeyStore? = nil, now: Date
    ) throws -> Station {
        let directory = URL(fileURLWithPath: databasePath).deletingLastPathComponent()
        let fileManager = FileManager.default
        for path in [databasePath, directory.appendingPathComponent("ca").path, directory.appendingPathComponent("maker").path]
        where fileManager.fileExists(atPath: path) {
            throw RegistryError.stationExists(path: path)
        }
        try OfficerPassphraseRule.check(administratorPassphrase, officer: administrator)
        let dataFiles = try dataFiles(templates: templates, vendorProfiles: vendorProfiles)
        if let makerToken, makerToken.profile.sourceSM3 != vendorProfiles.sourceSM3 {
            throw RegistryError.invalidInput(
                field: "maker token",
                reason: "its vendor profile '\(makerToken.profile.id)' was read from \(makerToken.profile.sourcePath ?? "no file"), not from "
                    + "\(vendorProfiles.source?.path ?? "-"), the vendor profile file the station is created with; give both the same file")
        }
        if let makerToken, makerToken.profile.sm2 == nil {
            throw RegistryError.invalidInput(
                field: "maker token",
                reason: "token '\(makerToken.session.token.label)' has no SM2 in its vendor profile '\(makerToken.profile.id)'; "
                    + "the seal-maker key must be SM2, so it stays in software (omit --maker-to)")
        }
        try ProtectedFile.createDirectory(directory.appendingPathComponent("maker").path)
        let ca = try StationCA.create(
            in: directory.appendingPathComponent("ca"),
            subject: DistinguishedName([.init(type: "C", value: "CN"), .init(type: "O", value: organization),
                                        .init(type: "CN", value: "\(stationName) 根CA")]),
            passphrase: stationPassphrase, encryption: keyEncryption, now: now)
        let caKey = try ca.unlockKey(passphrase: stationPassphrase)
        let makerSoftwareKey = makerToken == nil ? try PrivateKey.generate(.sm2) : nil
        let makerPublicKey = try makerSoftwareKey?.publicKey
            ?? makerToken!.generateKey(.sm2, label: "\(stationName) 制章人", id: makerTokenID).publicKey
        let maker = try ca.issue(
            role: .maker,
            subject: DistinguishedName([.init(type: "C", value: "CN"), .init(type: "O", value: organization),
                                        .init(type: "CN", value: "\(stationName) 制章人")]),
            publicKey: makerPublicKey, validityDays: min(3650, Int(ca.certificate.notAfter.timeIntervalSince(now) / 86_400)),
            caKey: caKey, now: now)
        if let makerSoftwareKey {
            try ProtectedFile.write(
                makerSoftwareKey.encryptedPKCS8(passphrase: stationPassphrase, encryption: keyEncryption),
                to: directory.appendingPathComponent(makerKeyFile).path, mode: ProtectedFile.secretMode)
        } else if let makerToken {
            try makerToken.writeCertificate(maker, label: "\(stationName) 制章人", id: makerTokenID)
            try ProtectedFile.write(
                Array("\(KeyCustody(makerToken))\n".utf8),
                to: directory.appendingPathComponent(makerCustodyFile).path, mode: ProtectedFile.secretMode)
        }
        try ProtectedFile.write(maker.derEncoded, to: directory.appendingPathComponent(makerCertificateFile).path, mode: ProtectedFile.secretMode)
        let database = try StationDatabase(path: databasePath, create: true)
        try database.createStation(
            name: stationName, organization: organization, administrator: administrator,
            passphraseHash: try PasswordHash.make(administratorPassphrase),
            details: ["caSM3": Hex.encode(ca.certificate.fingerprint), "makerSM3": Hex.encode(maker.fingerprint)], pins: dataFiles, now: now)
        return try Station(directory: directory, database: database, templates: templates, vendorProfiles: vendorProfiles)
    }
}
