import Foundation
import SealCrypto
import SealRegistry
import SealRender
import SealStation
import SealTestSupport
import SealToken
import SealResources

/// A fresh station with an administrator, an approver, an auditor and an operator.
struct OfficeFixture {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let encryption = KeyEncryption(iterations: KeyEncryption.minimumIterations)
    static func secret(_ text: String) -> SecretBytes { SecretBytes(utf8: text) }

    let directory: TemporaryDirectory
    let station: Station
    let admin: OfficerRecord, approver: OfficerRecord, auditor: OfficerRecord, clerk: OfficerRecord

    init() throws {
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
    }

    static let unitApplication = SealApplication(
        unitName: "北京某某科技发展有限公司", creditCode: "91110108MA00000070", template: "special-40", useName: "合同专用章",
        physicalCode: "1101080012345", reason: "新设立单位刻制合同专用章", attachments: [("营业执照.pdf", Array("license".utf8))])

    /// An issued unit seal.
    func issuedSeal() throws -> SealRecord {
        let application = try station.apply(by: clerk, Self.unitApplication, now: Self.now)
        _ = try station.approve(by: approver, applicationID: application.id!, note: "同意", now: Self.now)
        return try station.issue(
            by: clerk, applicationID: application.id!, stationPassphrase: Self.secret("station passphrase"),
            holderPassphrase: Self.secret("holder passphrase"), keyEncryption: Self.encryption, now: Self.now)
    }

    /// Every row of every table, for "nothing changed" checks.
    func snapshot() throws -> String {
        let result = try ExternalTool.run("sqlite3", [station.database.path, ".dump"])
        return result.stdout
    }
}
