import Foundation
import SealBundle
import SealCrypto
import SealFiling
import SealFilingPostgres
import SealPKI
import SealRegistry
import SealRender
import SealResources
import SealStation
import SealTestSupport
import SealToken

/// A real station that issues seals and exports real bundles for the online side: an administrator, an operator
/// and an approver; the bundles verified against the station CA (images not redrawn: the online side does not).
struct FilingFixture {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let encryption = KeyEncryption(iterations: KeyEncryption.minimumIterations)
    static func secret(_ text: String) -> SecretBytes { SecretBytes(utf8: text) }
    static let stationPassphrase = secret("station passphrase")
    static let creditCode = "91110108MA00000070"

    let directory: TemporaryDirectory
    let station: Station
    let clerk: OfficerRecord, approver: OfficerRecord

    init() throws {
        directory = try TemporaryDirectory()
        station = try Station.initialize(
            databasePath: directory.path("station/registry.sqlite"), stationName: "测试站", organization: "某市公安局",
            administrator: "管理员甲", administratorPassphrase: Self.secret("admin passphrase"), stationPassphrase: Self.stationPassphrase,
            templates: try TemplateLibrary(directory: DataResolver.current.templates()),
            vendorProfiles: VendorProfileTable(contentsOf: DataResolver.current.vendorProfiles()), keyEncryption: Self.encryption, now: Self.now)
        let admin = try station.authenticate("管理员甲", role: .administrator, passphrase: Self.secret("admin passphrase"))
        approver = try station.addOfficer(by: admin, name: "审批人乙", role: .approver, passphrase: Self.secret("approver passphrase"), now: Self.now)
        clerk = try station.addOfficer(by: admin, name: "经办人丁", role: .operatorRole, passphrase: Self.secret("clerk passphrase"), now: Self.now)
    }

    /// Applies, approves and issues.
    func issue(_ application: SealApplication) throws -> SealRecord {
        let applied = try station.apply(by: clerk, application, now: Self.now)
        _ = try station.approve(by: approver, applicationID: applied.id!, note: "同意", now: Self.now)
        return try station.issue(
            by: clerk, applicationID: applied.id!, stationPassphrase: Self.stationPassphrase, holderPassphrase: Self.secret("holder passphrase"),
            keyEncryption: Self.encryption, now: Self.now)
    }

    /// A personal seal on the smallest template (small images keep the tests quick).
    func issuePersonalSeal(holder: String = "张小明", creditCode: String = creditCode) throws -> SealRecord {
        try issue(SealApplication(
            unitName: "北京某某科技发展有限公司", creditCode: creditCode, template: "square-18-noframe", holderName: holder,
            holderIDNumber: "11010519491231002X", reason: "法定代表人名章"))
    }

    /// A unit contract seal with its 13-digit physical code.
    func issueUnitSeal(creditCode: String = creditCode) throws -> SealRecord {
        try issue(SealApplication(
            unitName: "北京某某科技发展有限公司", creditCode: creditCode, template: "special-40", useName: "合同专用章",
            physicalCode: "1101080012345", reason: "新设立单位刻制合同专用章"))
    }

    func export() throws -> BundleExport {
        try station.exportBundle(by: clerk, to: directory.url.appendingPathComponent("courier"), stationPassphrase: Self.stationPassphrase, now: Self.now)
    }

    var verifier: BundleVerifier { BundleVerifier(anchor: station.ca.certificate) }

    func outcome(_ export: BundleExport) -> BundleVerifier.Outcome { verifier.verify(URL(fileURLWithPath: export.path)) }

    /// `bundle` signed again with the station's real seal-maker key, as the station would have signed it: only the
    /// online side's own checks can tell it from a genuine one.
    func resigned(_ bundle: FilingBundle) throws -> BundleVerifier.Outcome {
        let makerKey = try PrivateKey(
            encryptedPKCS8: ProtectedFile.read(station.directory.appendingPathComponent("maker/maker-key.p8").path),
            passphrase: Self.stationPassphrase)
        let files = try bundle.signedFiles(signer: makerKey, certificate: station.makerCertificate, chain: [station.ca.certificate], signingTime: Self.now)
        return verifier.verify(data: try BundleArchive.archive(files), name: "re-signed")
    }
}

/// The filing stores the policy tests run against: an SQLite file, and a database on a private PostgreSQL server.
enum FilingStoreKind: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite
    case postgres

    var description: String { rawValue }

    /// A new, empty store named `name` under `directory` (for PostgreSQL, a database on a server of its own).
    func open(_ directory: TemporaryDirectory, name: String) async throws -> StoreUnderTest {
        switch self {
        case .sqlite:
            let store = try SQLiteFilingStore(path: directory.path("online/\(name).sqlite"))
            return StoreUnderTest(store: store, server: nil) { try ExternalTool.run("sqlite3", [store.path, ".dump"]).stdout }
        case .postgres:
            let server = try PostgresServer()
            let url = try server.createDatabase(name)
            let store = try await PostgresFilingStore.open(try PostgresLocation(url: url))
            return StoreUnderTest(store: store, server: server) { try server.dump(name, tables: PostgresFilingStore.tables) }
        }
    }
}

/// A store and a way to see everything it holds, for "nothing changed" checks.
struct StoreUnderTest: Sendable {
    let store: any FilingStore
    /// The PostgreSQL server the store's database is on, kept running as long as the store is used.
    let server: PostgresServer?
    let dump: @Sendable () throws -> String
}
