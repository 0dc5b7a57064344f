import Foundation
import SealCrypto
import SealFonts
import SealOFD
import SealRegistry
import SealRender
import SealResources
import SealStation
import SealTestSupport
import SealToken

/// A fresh station for the real-browser test, made with the same calls as `ConsoleFixture`: the four officers who
/// each get a browser session of their own (administrator, operator 经办人, approver 审批人, auditor 审计员), and a
/// fifth operator whom the test locks out with wrong passphrases.
struct BrowserStation {
    /// One officer the browser signs in as; the passphrase reaches the script on standard input only.
    struct Officer: Encodable {
        let name: String
        let role: String
        let passphrase: String
    }

    let directory: TemporaryDirectory
    let station: Station
    /// By the script's keys: administrator, operator, approver, auditor.
    let officers: [String: Officer]
    /// The officer the lockout step locks.
    let locked: Officer

    init() throws {
        directory = try TemporaryDirectory("sealstation-browser")
        let now = Date()
        let encryption = KeyEncryption(iterations: KeyEncryption.minimumIterations)
        let officers: [String: Officer] = [
            "administrator": Officer(name: "管理员甲", role: OfficerRole.administrator.rawValue, passphrase: "admin browser passphrase"),
            "operator": Officer(name: "经办人丁", role: OfficerRole.operatorRole.rawValue, passphrase: "clerk browser passphrase"),
            "approver": Officer(name: "审批人乙", role: OfficerRole.approver.rawValue, passphrase: "approver browser passphrase"),
            "auditor": Officer(name: "审计员丙", role: OfficerRole.auditor.rawValue, passphrase: "auditor browser passphrase"),
        ]
        let locked = Officer(name: "经办人己", role: OfficerRole.operatorRole.rawValue, passphrase: "locked browser passphrase")
        let administrator = officers["administrator"]!
        let templates = try TemplateLibrary(directory: DataResolver.current.templates())
        station = try Station.initialize(
            databasePath: directory.path("station/registry.sqlite"), stationName: "浏览器测试站", organization: "某市公安局",
            administrator: administrator.name, administratorPassphrase: SecretBytes(utf8: administrator.passphrase),
            stationPassphrase: SecretBytes(utf8: Self.stationPassphrase), templates: templates,
            vendorProfiles: VendorProfileTable(contentsOf: DataResolver.current.vendorProfiles()), keyEncryption: encryption, now: now)
        let admin = try station.authenticate(administrator.name, role: .administrator, passphrase: SecretBytes(utf8: administrator.passphrase))
        for officer in [officers["operator"]!, officers["approver"]!, officers["auditor"]!, locked] {
            _ = try station.addOfficer(
                by: admin, name: officer.name, role: OfficerRole(rawValue: officer.role)!, passphrase: SecretBytes(utf8: officer.passphrase), now: now)
        }
        self.officers = officers
        self.locked = locked
    }

    /// The unit the browser applies for, and the keyword its seal is stamped at.
    struct Unit: Encodable {
        let name: String
        let creditCode: String
        let template: String
        let useName: String
        let keyword: String
    }

    static let unit = Unit(name: "北京某某科技发展有限公司", creditCode: "91110108MA00000070", template: "special-40", useName: "合同专用章", keyword: "乙方（盖章）")
    static let stationPassphrase = "station browser passphrase"
    static let holderPassphrase = "holder browser passphrase"

    /// What the script reads on standard input: the officers, the passphrases the forms ask for, and the files to
    /// upload (an attachment, and an OFD contract made by the project's OFD writer), written here.
    func scriptInput() throws -> Data {
        struct Input: Encodable {
            let officers: [String: Officer]
            let locked: Officer
            let station: String
            let holder: String
            let attachment: String
            let document: String
            let unit: Unit
        }
        let attachment = directory.path("营业执照.pdf")
        try Data("%PDF-1.7 营业执照（副本）".utf8).write(to: URL(fileURLWithPath: attachment))
        let document = directory.path("采购合同.ofd")
        let contract = try OFDTextDocument(
            text: Array("采购合同\n\n甲方：北京某某科技发展有限公司\n第一条　甲方向乙方采购电子印章管理系统一套。\n\n乙方（盖章）：\n".utf8),
            face: try FontSource.songTrueType.open()
        ).package()
        try Data(contract).write(to: URL(fileURLWithPath: document))
        return try JSONEncoder().encode(Input(
            officers: officers, locked: locked, station: Self.stationPassphrase, holder: Self.holderPassphrase, attachment: attachment,
            document: document, unit: Self.unit))
    }

    /// The officer row of `name` in `role`, read again.
    func officer(_ name: String, _ role: OfficerRole) throws -> OfficerRecord? {
        try station.officers().first { $0.name == name && $0.role == role }
    }
}
