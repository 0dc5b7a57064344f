import ArgumentParser
import Foundation
import SealCrypto
import SealPKI
import SealRegistry
import SealRender
import SealStation
import SealViews

/// `sealstation backup`.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write one encrypted backup of the station (administrators).",
        discussion: """
            AES-256-GCM over a consistent snapshot of the registry, the CA, maker and issued files (keys stay encrypted) and a manifest of their SM3 digests signed by the station key. The key comes from a backup passphrase (scrypt N=2^17, r=8, p=1) or is split into K-of-N Shamir shares written to --share-dir as text and QR PNG, one pair per custodian. The backup is recorded in the audit log with a signed checkpoint.

            Examples:
              sealstation backup station.backup --officer 张管理 --passphrase-file admin.pass --station-passphrase-file station.pass --backup-passphrase-file backup.pass
              sealstation backup station.backup --officer 张管理 --passphrase-file admin.pass --station-passphrase-file station.pass --shares 3-of-5 --share-dir shares
            """)

    @OptionGroup var station: StationOptions
    @OptionGroup var acting: OfficerOptions
    @Argument(help: ArgumentHelp("The backup file to create.", valueName: "FILE")) var file: String
    @Option(name: .customLong("station-passphrase-file"), help: ArgumentHelp("The station passphrase.", valueName: "FILE")) var stationPassphraseFile: String?
    @Option(name: .customLong("backup-passphrase-file"), help: ArgumentHelp("The backup passphrase.", valueName: "FILE")) var backupPassphraseFile: String?
    @Option(help: ArgumentHelp("Split the key into shares instead, e.g. 3-of-5.", valueName: "K-of-N")) var shares: String?
    @Option(name: .customLong("share-dir"), help: ArgumentHelp("Where to write the shares (with --shares).", valueName: "DIR")) var shareDir: String?
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws {
        if let shares {
            guard parsedShares(shares) != nil else { throw ValidationError("--shares takes K-of-N, e.g. 3-of-5") }
            guard shareDir != nil else { throw ValidationError("--shares needs --share-dir DIR") }
            guard backupPassphraseFile == nil else { throw ValidationError("give either --shares or --backup-passphrase-file") }
        }
    }

    func parsedShares(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[1] == "of", let k = Int(parts[0]), let n = Int(parts[2]), k >= 2, k <= n, n <= 255 else { return nil }
        return (k, n)
    }

    func run() throws {
        let opened = try station.open()
        let officer = try acting.authenticate(opened, as: .administrator, to: "make backups")
        let caKey = try opened.ca.unlockKey(passphrase: secret(file: stationPassphraseFile, option: "--station-passphrase-file", for: "the station keys"))
        let source: BackupKeySource
        if let shares, let (k, n) = parsedShares(shares) {
            source = .shares(threshold: k, count: n)
        } else {
            source = .passphrase(try secret(file: backupPassphraseFile, option: "--backup-passphrase-file", for: "the backup", new: true), .backup)
        }
        // The backup file and the shares are written all or nothing, with the audit record.
        let made = try opened.backup(by: officer, to: file, caKey: caKey, keySource: source, shareDirectory: shareDir, now: Date())
        for leftover in made.removedLeftovers { FileHandle.standardError.write(Data("removed \(leftover), left by an interrupted run\n".utf8)) }
        let shareFiles = made.shareFiles
        let size = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int ?? 0
        struct Result: Encodable { var file: String; var bytes: Int; var sm3: String; var shares: [String] }
        let result = Result(file: file, bytes: size, sm3: Describe.sm3(try ProtectedFile.read(file, limit: Int.max)), shares: shareFiles)
        try Output.emit(result, json: json) {
            [("backup", file), ("bytes", "\(result.bytes)"), ("SM3", result.sm3)] + shareFiles.map { ("share", $0) }
        }
    }
}

/// `sealstation restore`.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Verify a backup and restore it into a new or empty directory.",
        discussion: """
            A wrong passphrase, too few or wrong shares, or any changed byte are refused and nothing is written.
            --verify-only checks everything without writing. The restored registry is <DIR>/registry.sqlite.

            Examples:
              sealstation restore station.backup --to /srv/seal-restored --backup-passphrase-file backup.pass
              sealstation restore station.backup --to /srv/seal-restored --share shares/share-1.txt --share shares/share-4.txt --share shares/share-5.txt
            """)

    @Argument(help: ArgumentHelp("The backup file.", valueName: "FILE")) var file: String
    @Option(help: ArgumentHelp("The directory to restore into (new or empty).", valueName: "DIR")) var to: String?
    @Option(name: .customLong("backup-passphrase-file"), help: ArgumentHelp("The backup passphrase.", valueName: "FILE")) var backupPassphraseFile: String?
    @Option(help: ArgumentHelp("A share: its text file or its QR PNG (as backup wrote them, or a scan); repeat K times.", valueName: "FILE")) var share: [String] = []
    @Option(help: ArgumentHelp("Require the backup to be of the station with this CA certificate.", valueName: "CERT")) var anchor: String?
    @Flag(name: .customLong("verify-only"), help: "Check without writing anything.") var verifyOnly = false
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws {
        if !verifyOnly && to == nil { throw ValidationError("give --to DIR, or --verify-only") }
    }

    func run() throws {
        let bytes = try ProtectedFile.read(file, limit: Int.max)
        let unlock: BackupUnlock
        if share.isEmpty {
            unlock = .passphrase(try secret(file: backupPassphraseFile, option: "--backup-passphrase-file", for: "the backup"))
        } else {
            unlock = .shares(try share.map { try BackupShareInput.read(path: $0) })
        }
        let anchorCertificate = try anchor.map { try InputFile.parse($0, as: .certificate) { try Certificate(derOrPEM: $0) } }
        let destination = URL(fileURLWithPath: to ?? FileManager.default.temporaryDirectory.appendingPathComponent("unused-\(UUID().uuidString)").path)
        let contents = try StationBackup.restore(bytes, unlock: unlock, into: destination, anchor: anchorCertificate, verifyOnly: verifyOnly)
        try Output.emit(contents, json: json) {
            [("station", contents.station), ("made", contents.createdAt), ("audit head", "\(contents.auditHead)"),
             ("files", "\(contents.files) (\(contents.bytes) bytes)"), (verifyOnly ? "verified" : "restored to", verifyOnly ? "yes" : destination.path)]
        }
    }
}
