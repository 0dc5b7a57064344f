import Foundation
import SealCrypto
import SealRender
import SealRegistry
import SealSES
import SealStation
import SealTestSupport
import SealToken
import Testing
import SealResources
import SealAudit

/// The seal-maker key on a token (`init --maker-to`). In the serialised token suite: PKCS#11 is process-global.
extension TokenKeyStoreTests {
    static let templates = try! DataResolver.current.templates()

    func initialize(_ directory: TemporaryDirectory, makerToken: TokenKeyStore?) throws -> Station {
        try Station.initialize(
            databasePath: directory.path("station/registry.sqlite"), stationName: "测试站", organization: "某市公安局",
            administrator: "管理员甲", administratorPassphrase: SecretBytes(utf8: "admin passphrase"),
            stationPassphrase: SecretBytes(utf8: "station passphrase"), templates: TemplateLibrary(directory: Self.templates),
            vendorProfiles: VendorProfileTable(contentsOf: DataResolver.current.vendorProfiles()),
            keyEncryption: StationFixture.encryption, makerToken: makerToken, now: StationFixture.now)
    }

    @Test("a maker token without SM2 (SoftHSM2) is refused before anything is written")
    func makerTokenWithoutSM2IsRefused() throws {
        let token = try SoftHSMToken(label: "maker-plain")
        let directory = try TemporaryDirectory()
        let store = try openStore(token)
        #expect {
            try initialize(directory, makerToken: store)
        } throws: { error in
            "\(error)".contains("must be SM2") && "\(error)".contains("stays in software")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path("station")))
        #expect(try store.objects().isEmpty)
    }

    @Test("with an SM2-mapped profile the maker key and certificate go to the token; issuing signs there")
    func makerKeyOnToken() throws {
        let token = try SoftHSMToken(label: "maker-mapped")
        let directory = try TemporaryDirectory()
        let store = try openStore(token, profile: "softhsm2-sm2-as-ecdsa")
        let station = try initialize(directory, makerToken: store)
        #expect(try station.makerCustody?.description == "token:maker-mapped serial:\(store.session.token.serialNumber)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("station/maker/maker-key.p8")))
        let makerKey = try store.key(id: Station.makerTokenID)
        #expect(makerKey.publicKey == station.makerCertificate.publicKey)
        #expect(try store.objects().map(\.objectClass).sorted { $0.rawValue < $1.rawValue } == [.certificate, .privateKey, .publicKey])

        let admin = try station.authenticate("管理员甲", role: .administrator, passphrase: SecretBytes(utf8: "admin passphrase"))
        let approver = try station.addOfficer(by: admin, name: "审批人乙", role: .approver, passphrase: SecretBytes(utf8: "approver passphrase"), now: StationFixture.now)
        let clerk = try station.addOfficer(by: admin, name: "经办人丁", role: .operatorRole, passphrase: SecretBytes(utf8: "clerk passphrase"), now: StationFixture.now)
        let application = try station.apply(by: clerk, SealApplication(
            unitName: "北京某某科技发展有限公司", creditCode: "91110108MA00000070", template: "round-42", reason: "新设立"), now: StationFixture.now)
        _ = try station.approve(by: approver, applicationID: application.id!, note: nil, now: StationFixture.now)
        // Without the maker's token, issuing says where the key is.
        #expect {
            try station.unlockIssuingKeys(stationPassphrase: SecretBytes(utf8: "station passphrase"))
        } throws: { "\($0)".contains("the seal-maker key is on token:maker-mapped") }
        // With it, the key is found on the token and matches the maker certificate; the test mapping's key is
        // P-256 (SoftHSM2 has no SM2), so the seal maker's SM2 guard refuses it: the mapping cannot make real seals.
        let keys = try station.unlockIssuingKeys(stationPassphrase: SecretBytes(utf8: "station passphrase"), makerToken: store)
        #expect(throws: SealSESError.makerKeyNotSM2("ECDSA P-256")) {
            try station.issue(by: clerk, applicationID: application.id!, issuingKeys: keys,
                              holderPassphrase: SecretBytes(utf8: "holder passphrase"), now: StationFixture.now)
        }
        #expect(try station.seals(.init(limit: 10)).isEmpty)
        #expect(try station.application(application.id!).state == .approved)
    }

    @Test("issuing to a token through a vendor profile file other than the pinned one is refused, audited, and leaves the token empty")
    func unpinnedVendorProfiles() throws {
        let token = try SoftHSMToken(label: "holder-unpinned")
        let directory = try TemporaryDirectory()
        let station = try initialize(directory, makerToken: nil)
        let admin = try station.authenticate("管理员甲", role: .administrator, passphrase: SecretBytes(utf8: "admin passphrase"))
        let approver = try station.addOfficer(by: admin, name: "审批人乙", role: .approver, passphrase: SecretBytes(utf8: "approver passphrase"), now: StationFixture.now)
        let clerk = try station.addOfficer(by: admin, name: "经办人丁", role: .operatorRole, passphrase: SecretBytes(utf8: "clerk passphrase"), now: StationFixture.now)
        let application = try station.apply(by: clerk, SealApplication(
            unitName: "北京某某科技发展有限公司", creditCode: "91110108MA00000070", template: "special-40", useName: "合同专用章",
            reason: "合同专用章"), now: StationFixture.now)
        _ = try station.approve(by: approver, applicationID: application.id!, note: nil, now: StationFixture.now)
        // A vendor profile file that differs from the pinned one by a comment only.
        let shipped = try Array(Data(contentsOf: DataResolver.current.vendorProfiles()))
        let planted = try directory.write("vendors.yaml", shipped + Array("# planted\n".utf8))
        let session = try PKCS11Module(path: SoftHSMToken.modulePath).openSession(.label(token.label))
        try session.login(pin: SecretBytes(utf8: SoftHSMToken.userPIN))
        let store = TokenKeyStore(session: session, profile: try VendorProfileTable(contentsOf: URL(fileURLWithPath: planted)).profile("softhsm2"))
        let pinnedSM3 = Hex.encode(try SM3.hash(shipped))
        #expect {
            try station.issue(by: clerk, applicationID: application.id!, stationPassphrase: SecretBytes(utf8: "station passphrase"),
                              holderPassphrase: nil, custody: .token(store), keyEncryption: StationFixture.encryption, now: StationFixture.now)
        } throws: { error in
            guard case RegistryError.pinnedDataChanged(_, let path, let pinned, _) = error else { return false }
            return path == planted && pinned == pinnedSM3
        }
        #expect(try store.objects().isEmpty)
        #expect(try station.seals(.init(limit: 10)).isEmpty)
        let refusal = try #require(try station.auditRecords(since: 1, limit: 1000).last)
        #expect(refusal.action == "data.refuse" && refusal.object == "vendor-profiles" && refusal.details.contains(planted))
    }
}
