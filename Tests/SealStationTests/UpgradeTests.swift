import Foundation
import SealCrypto
import SealRegistry
import SealRender
import SealStation
import SealTestSupport
import Testing
import SealAudit

/// Upgrades keep data: a registry written by an older version is backed up beside itself and migrated, and pinned
/// on first open; one written by a newer version is refused and left as it was.
@Suite("Registry upgrades")
struct UpgradeTests {
    /// A station with one issued seal, closed; returns its directory, registry path, templates and vendor profiles.
    func closedStation() throws -> (TemporaryDirectory, String, OfficeFixture) {
        let office = try OfficeFixture()
        _ = try office.issuedSeal()
        return (office.directory, office.station.database.path, office)
    }

    /// What the release with schema v7 wrote: no stamp columns in the use log (v8).
    static let schemaV7 = """
        ALTER TABLE use_log DROP COLUMN stampedSM3; ALTER TABLE use_log DROP COLUMN placement;
        ALTER TABLE use_log DROP COLUMN documentSignatureID; DELETE FROM grdb_migrations WHERE identifier = 'v8-use-stamp';
        """

    /// What the release with schema v6 wrote: no revocation list and no CRLs (v7), nor what came after.
    static let schemaV6 = schemaV7 + """
        DROP TABLE certificate_revocation; DROP TABLE crl; DELETE FROM grdb_migrations WHERE identifier = 'v7-revocation';
        """

    /// What the release with schema v5 wrote: no stored seal kind (v6), nor what came after.
    static let schemaV5 = schemaV6 + """
        ALTER TABLE seal DROP COLUMN kind; DELETE FROM grdb_migrations WHERE identifier = 'v6-seal-kind';
        """

    /// What the release with schema v3 wrote: no pins (v4), no disabled flag (v5), no seal kind (v6).
    static let schemaV3 = schemaV5 + """
        DROP TABLE data_pin; ALTER TABLE officer DROP COLUMN disabled;
        DELETE FROM grdb_migrations WHERE identifier IN ('v4-data-pin', 'v5-officer-disabled');
        """

    func sqlite(_ path: String, _ sql: String) throws -> String {
        let result = try ExternalTool.run("sqlite3", [path, sql])
        #expect(result.succeeded, "\(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("a registry from before pinning (schema v3) is backed up (0600, consistent), migrated, and pinned on first open (audited)")
    func olderRegistry() throws {
        let (directory, path, office) = try closedStation()
        let templates = office.station.templates, vendorProfiles = office.station.vendorProfiles
        // What the previous release wrote: the schema up to v3, no pins.
        _ = try sqlite(path, Self.schemaV3)
        let before = try sqlite(path, "SELECT COUNT(*) FROM seal; SELECT COUNT(*) FROM audit;")

        let upgraded = Date(timeIntervalSince1970: 1_790_100_000)
        let station = try Station.open(databasePath: path, templates: templates, vendorProfiles: vendorProfiles, shippedData: true, now: upgraded)
        let backups = try FileManager.default.contentsOfDirectory(atPath: directory.path("station")).filter { $0.hasPrefix("registry.sqlite.before-") }
        #expect(backups == ["registry.sqlite.before-v3-bundle-export-20260922T180000Z"], "\(backups)")
        let backup = directory.path("station/\(backups.first ?? "-")")
        let attributes = try FileManager.default.attributesOfItem(atPath: backup)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        // The backup is the registry as it was: the old schema and every row.
        #expect(try sqlite(backup, "SELECT COUNT(*) FROM seal; SELECT COUNT(*) FROM audit;") == before)
        #expect(try sqlite(backup, "SELECT identifier FROM grdb_migrations ORDER BY rowid;") == "v1\nv2-audit\nv3-bundle-export")
        #expect(try sqlite(backup, "PRAGMA integrity_check;") == "ok")

        // Migrated and pinned, by the upgrade, in the audit log.
        #expect(try station.dataPinStatus().allSatisfy { $0.state == .pinned })
        let records = try station.auditRecords(since: 1, limit: 10_000)
        let pin = try #require(records.last)
        #expect(pin.action == "data.pin" && pin.officer == "sealstation (upgrade)" && pin.details.contains("template:round-42")
                && pin.details.contains(templates.directory.path))
        #expect(try station.verifyAudit().isValid)
        // A second open neither backs up nor pins again.
        _ = try Station.open(databasePath: path, templates: templates, vendorProfiles: vendorProfiles)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path("station")).filter { $0.hasPrefix("registry.sqlite.before-") }.count == 1)
        #expect(try station.auditRecords(since: 1, limit: 10_000).count == records.count)
    }

    @Test("a registry from before the disabled flag (schema v4) is backed up 0600 and migrated: every officer is enabled")
    func registryBeforeDisabledFlag() throws {
        let (directory, path, office) = try closedStation()
        _ = try sqlite(path, Self.schemaV5 + """
            ALTER TABLE officer DROP COLUMN disabled; DELETE FROM grdb_migrations WHERE identifier = 'v5-officer-disabled';
            """)
        let upgraded = Date(timeIntervalSince1970: 1_790_100_000)
        let station = try Station.open(
            databasePath: path, templates: office.station.templates, vendorProfiles: office.station.vendorProfiles, now: upgraded)
        let backups = try FileManager.default.contentsOfDirectory(atPath: directory.path("station")).filter { $0.hasPrefix("registry.sqlite.before-") }
        #expect(backups == ["registry.sqlite.before-v4-data-pin-20260922T180000Z"], "\(backups)")
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.path("station/\(backups.first ?? "-")"))
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        #expect(try station.officers().count == 4 && station.officers().allSatisfy { !$0.disabled })
        #expect(try station.authenticate("经办人丁", role: .operatorRole, passphrase: OfficeFixture.secret("clerk passphrase")).name == "经办人丁")
        try station.disableOfficer(by: office.admin, name: "经办人丁", now: upgraded)
        #expect(throws: RegistryError.officerDisabled(name: "经办人丁")) {
            try station.authenticate("经办人丁", role: .operatorRole, passphrase: OfficeFixture.secret("clerk passphrase"))
        }
    }

    @Test("an upgrade makes what earlier versions left readable by others (registry 0644, ca/ maker/ issued/ 0755) owner-only, audited")
    func upgradeTightensModes() throws {
        let (directory, path, office) = try closedStation()
        _ = try sqlite(path, Self.schemaV5 + """
            ALTER TABLE officer DROP COLUMN disabled; DELETE FROM grdb_migrations WHERE identifier = 'v5-officer-disabled';
            """)
        // As the previous release left them.
        let station = directory.path("station")
        var loose = [path: 0o644, station + "/ca": 0o755, station + "/maker": 0o755, station + "/issued": 0o755]
        let issued = try FileManager.default.contentsOfDirectory(atPath: station + "/issued").filter { !$0.hasPrefix(".") }
        for seal in issued {
            loose[station + "/issued/" + seal] = 0o755
            for file in try FileManager.default.contentsOfDirectory(atPath: station + "/issued/" + seal) where !file.hasSuffix(".p8") {
                loose[station + "/issued/" + seal + "/" + file] = 0o644
            }
        }
        for (file, mode) in loose { try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file) }
        let upgraded = try Station.open(
            databasePath: path, templates: office.station.templates, vendorProfiles: office.station.vendorProfiles,
            now: Date(timeIntervalSince1970: 1_790_100_000))
        for (file, mode) in loose {
            let now = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(now == (mode == 0o755 ? 0o700 : 0o600), "\(file)")
        }
        let record = try #require(try upgraded.auditRecords(since: 1, limit: 10_000).last { $0.action == "station.modes" })
        #expect(record.details.contains("\"madeOwnerOnly\":\"\(loose.count)\""), "\(record.details) for \(loose.count)")
        #expect(try upgraded.verifyAudit().isValid)
    }

    @Test("data named by a flag or variable is not pinned by the upgrade: apply refuses it until an administrator pins it")
    func upgradeWithNamedData() throws {
        let (_, path, office) = try closedStation()
        let templates = office.station.templates, vendorProfiles = office.station.vendorProfiles
        _ = try sqlite(path, Self.schemaV3)
        let station = try Station.open(databasePath: path, templates: templates, vendorProfiles: vendorProfiles, shippedData: false)
        #expect(try station.dataPinStatus().allSatisfy { $0.state == .unpinned })
        #expect {
            try station.apply(by: office.clerk, OfficeFixture.unitApplication, now: OfficeFixture.now)
        } throws: { error in
            guard case RegistryError.pinnedDataChanged(_, _, let pinned, _) = error else { return false }
            return pinned == nil && "\(error)".contains("not pinned") && "\(error)".contains("templates pin")
        }
        let changes = try station.pinData(by: office.admin, now: OfficeFixture.now)
        #expect(try changes.count == station.dataPinStatus().count && changes.allSatisfy { $0.state == .unpinned })
        #expect(try station.apply(by: office.clerk, OfficeFixture.unitApplication, now: OfficeFixture.now).id != nil)
    }

    @Test("a template edited after the station read it: what was read is what is hashed and drawn")
    func editedAfterRead() throws {
        let directory = try TemporaryDirectory()
        let office = try OfficeFixture()
        try FileManager.default.createDirectory(atPath: directory.path("templates"), withIntermediateDirectories: true)
        for template in office.station.templates.templates {
            try directory.write("templates/\(template.id).yaml", office.station.templates.source(of: template.id))
        }
        let library = try TemplateLibrary(directory: directory.url.appendingPathComponent("templates"))
        let station = try Station.open(databasePath: office.station.database.path, templates: library, vendorProfiles: office.station.vendorProfiles)
        // Edited after it was read (a swap between open and issue): the station still uses, and hashes, what it read.
        try directory.write("templates/special-40.yaml", office.station.templates.source(of: "special-40") + Array("# planted\n".utf8))
        let application = try station.apply(by: office.clerk, OfficeFixture.unitApplication, now: OfficeFixture.now)
        _ = try station.approve(by: office.approver, applicationID: application.id!, note: "同意", now: OfficeFixture.now)
        let seal = try station.issue(
            by: office.clerk, applicationID: application.id!, stationPassphrase: OfficeFixture.secret("station passphrase"),
            holderPassphrase: OfficeFixture.secret("holder passphrase"), keyEncryption: OfficeFixture.encryption, now: OfficeFixture.now)
        #expect(seal.state == .issued)
        // Read again, the edited file is refused, and so is an export that would redraw and file it.
        let reread = try Station.open(
            databasePath: office.station.database.path, templates: TemplateLibrary(directory: directory.url.appendingPathComponent("templates")),
            vendorProfiles: office.station.vendorProfiles)
        #expect(throws: RegistryError.self) {
            try reread.exportBundle(by: office.clerk, to: directory.url.appendingPathComponent("out"),
                                    stationPassphrase: OfficeFixture.secret("station passphrase"), now: OfficeFixture.now)
        }
        let written = (try? FileManager.default.contentsOfDirectory(atPath: directory.path("out"))) ?? []
        #expect(written.isEmpty)
    }

    @Test("a registry from a newer version is refused with a clear error and left untouched")
    func newerRegistry() throws {
        let (directory, path, office) = try closedStation()
        let templates = office.station.templates, vendorProfiles = office.station.vendorProfiles
        _ = try sqlite(path, "INSERT INTO grdb_migrations(identifier) VALUES ('v9-from-a-later-release');")
        let dump = try ExternalTool.run("sqlite3", [path, ".dump"]).stdout
        #expect {
            try Station.open(databasePath: path, templates: templates, vendorProfiles: vendorProfiles)
        } throws: { error in
            guard case RegistryError.schemaNewer(let named, let unknown) = error else { return false }
            return named == path && unknown == ["v9-from-a-later-release"] && "\(error)".contains("newer SealStation")
                && "\(error)".contains("left untouched")
        }
        #expect(try ExternalTool.run("sqlite3", [path, ".dump"]).stdout == dump)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path("station")).allSatisfy { !$0.contains(".before-") })
    }
}
