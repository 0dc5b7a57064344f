import Foundation
import Hummingbird
import HummingbirdTesting
import SealConsole
import SealCrypto
import SealRegistry
import SealRender
import SealResources
import SealStation
import SealTestSupport
import SealToken

/// A clock the tests move (session expiry).
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_790_000_000)
    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

/// A fresh station with an administrator, an approver, an auditor, an operator and an officer holding two roles,
/// and the console over it on 127.0.0.1:8600.
struct ConsoleFixture {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let encryption = KeyEncryption(iterations: KeyEncryption.minimumIterations)
    static func secret(_ text: String) -> SecretBytes { SecretBytes(utf8: text) }
    static let host = "127.0.0.1:8600"

    let directory: TemporaryDirectory
    let station: Station
    let admin: OfficerRecord, approver: OfficerRecord, auditor: OfficerRecord, clerk: OfficerRecord
    let clock = TestClock()
    let console: ConsoleApplication

    init(uploadLimit: Int = ConsoleApplication.defaultUploadLimit) async throws {
        directory = try TemporaryDirectory()
        let templates = try TemplateLibrary(directory: DataResolver.current.templates())
        station = try Station.initialize(
            databasePath: directory.path("station/registry.sqlite"), stationName: "测试站", organization: "某市公安局",
            administrator: "管理员甲", administratorPassphrase: Self.secret("admin passphrase"),
            stationPassphrase: Self.secret("station passphrase"), templates: templates,
            vendorProfiles: VendorProfileTable(contentsOf: DataResolver.current.vendorProfiles()), keyEncryption: Self.encryption, now: Self.now)
        admin = try station.authenticate("管理员甲", role: .administrator, passphrase: Self.secret("admin passphrase"))
        approver = try station.addOfficer(by: admin, name: "审批人乙", role: .approver, passphrase: Self.secret("approver passphrase"), now: Self.now)
        auditor = try station.addOfficer(by: admin, name: "审计员丙", role: .auditor, passphrase: Self.secret("auditor passphrase"), now: Self.now)
        clerk = try station.addOfficer(by: admin, name: "经办人丁", role: .operatorRole, passphrase: Self.secret("clerk passphrase"), now: Self.now)
        _ = try station.addOfficer(by: admin, name: "两职戊", role: .operatorRole, passphrase: Self.secret("wu operator passphrase"), now: Self.now)
        _ = try station.addOfficer(by: admin, name: "两职戊", role: .approver, passphrase: Self.secret("wu approver passphrase"), now: Self.now)
        let clock = clock
        console = try await ConsoleApplication(
            station: station, listen: try ListenAddress(parsing: Self.host), assets: DataResolver.current.console(), uploadLimit: uploadLimit,
            keyEncryption: Self.encryption, now: { clock.now })
    }

    /// An application by the operator, waiting for approval.
    func apply(unitName: String = "北京某某科技发展有限公司") throws -> ApplicationRecord {
        try station.apply(
            by: clerk,
            SealApplication(
                unitName: unitName, creditCode: "91110108MA00000070", template: "special-40", useName: "合同专用章",
                physicalCode: "1101080012345", reason: "新设立单位刻制合同专用章", attachments: [("营业执照.pdf", Array("license".utf8))]),
            now: Self.now)
    }

    /// An application approved by the approver and issued by the operator (station custody): the seal.
    func issuedSeal(unitName: String = "北京某某科技发展有限公司") throws -> SealRecord {
        let application = try apply(unitName: unitName)
        _ = try station.approve(by: approver, applicationID: application.id!, note: "同意", now: Self.now)
        return try station.issue(
            by: clerk, applicationID: application.id!, stationPassphrase: Self.secret("station passphrase"),
            holderPassphrase: Self.secret("holder passphrase"), keyEncryption: Self.encryption, now: Self.now)
    }

    /// Every row of every table, for "nothing changed" checks.
    func snapshot() throws -> String {
        try ExternalTool.run("sqlite3", [station.database.path, ".dump"]).stdout
    }

    /// The officer row of `name` in `role`, read again.
    func officer(_ name: String, _ role: OfficerRole) throws -> OfficerRecord? {
        try station.officers().first { $0.name == name && $0.role == role }
    }
}
