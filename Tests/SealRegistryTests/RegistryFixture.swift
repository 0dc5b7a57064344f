import Foundation
import GRDB
import SealCrypto
import SealPKI
@testable import SealRegistry
import SealSES
import SealTestSupport

/// An in-memory station registry (`DatabaseQueue()`) with an administrator, an operator and an approver, and a
/// maker that makes real SES_Seals for the seals it records.
struct RegistryFixture {
    static let now = StationFixture.now
    static let code = try! UnifiedSocialCreditCode("91110108MA00000070")

    let database: StationDatabase
    let pki: StationFixture
    let makerKey: PrivateKey, makerCertificate: Certificate
    let admin: OfficerRecord, clerk: OfficerRecord, approver: OfficerRecord

    init(_ writer: any DatabaseWriter = try! DatabaseQueue()) throws {
        database = try StationDatabase(writer)
        pki = try StationFixture()
        (makerKey, makerCertificate) = try pki.issue(.maker, "/C=CN/O=某市公安局/CN=制章人", days: 1000)
        try database.createStation(
            name: "测试站", organization: "某市公安局", administrator: "张管理", passphraseHash: "-", details: ["caSM3": "-"],
            pins: [StationDataFile(item: .vendorProfiles, path: "vendors.yaml", sm3: String(repeating: "0", count: 64))], now: Self.now)
        guard let admin = try database.officers(named: "张管理").first else { throw RegistryError.officerNotFound(name: "张管理") }
        self.admin = admin
        clerk = try database.addOfficer(name: "王经办", role: .operatorRole, passphraseHash: "-", by: admin.name, now: Self.now)
        approver = try database.addOfficer(name: "李审批", role: .approver, passphraseHash: "-", by: admin.name, now: Self.now)
    }

    /// An approved application for a unit (or, with `personal`, a personal) seal.
    func approvedApplication(personal: Bool = false, holderID: ResidentIdentityNumber? = nil) throws -> ApplicationRecord {
        let application = try database.recordApplication(
            ApplicationRecord(unitName: "北京某某科技发展有限公司", creditCode: Self.code, template: personal ? "square-20" : "round-42",
                              holderName: personal ? "张三" : nil, holderIDNumber: holderID, reason: "测试", state: .applied,
                              applicantID: clerk.id!, createdAt: Self.now),
            attachments: [(name: "营业执照.pdf", content: Array("license".utf8))], by: clerk.name, now: Self.now)
        return try database.decideApplication(application.id!, to: .approved, by: approver, note: nil, now: Self.now)
    }

    /// A real SES_Seal of `type` for application `applicationID` and its holder certificate.
    func makeSeal(_ type: SealType, esID: String) throws -> (seal: ElectronicSeal, holderCertificate: Certificate) {
        let (_, holderCertificate) = try pki.issue(.holder, "/C=CN/O=北京某某科技发展有限公司/OU=91110108MA00000070/CN=\(esID)", days: 800)
        let seal = try SealMaker.make(
            SealMakingRequest(
                esID: esID, type: type, name: "印章\(esID)", holders: [holderCertificate], createDate: Self.now, validStart: Self.now,
                validEnd: Self.now.addingTimeInterval(730 * 86_400),
                picture: SealPicture(type: "PNG", data: Self.tinyPNG, widthMM: 40, heightMM: 40)),
            makerKey: makerKey, makerCertificate: makerCertificate)
        return (seal, holderCertificate)
    }

    /// Issues a seal of `type` for `application` through ``StationDatabase/recordIssue``.
    func issue(_ application: ApplicationRecord, type: SealType = .unit, custody: KeyCustody? = nil) throws -> SealRecord {
        let esID = String(format: "11010800%06lld", application.id!)
        let (seal, holderCertificate) = try makeSeal(type, esID: esID)
        let record = SealRecord(
            applicationID: application.id!, esID: esID, name: "印章\(esID)", unitName: application.unitName, creditCode: application.creditCode,
            kind: SealKind(typeCode: type.rawValue), template: application.template, state: .issued, sealDER: Data(seal.derEncoded),
            imagePNG: Data(Self.tinyPNG), holderCertificate: Data(holderCertificate.derEncoded),
            custody: custody ?? .files(path: "issued/\(esID)"), validFrom: seal.validStart, validTo: seal.validEnd, issuedBy: clerk.id!,
            issuedAt: Self.now)
        return try database.recordIssue(
            record, sealSM3: Hex.encode(try SM3.hash(seal.derEncoded)), holderCertificateSM3: Hex.encode(holderCertificate.fingerprint),
            by: clerk.name, caKey: pki.caKey, now: Self.now) {}
    }

    /// A 1×1 transparent PNG, the smallest valid seal picture.
    static let tinyPNG = Hex.decode(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63b8c3c0f01f00047401dcb8341f320000000049454e44ae426082"
    )!
}
