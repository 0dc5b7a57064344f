import Foundation
import SealCrypto
import SealRegistry
import SealStation
import SealTestSupport
import Testing

/// A maker key on a token cannot be renewed yet: `renewMaker` says so and changes nothing. In the serialised token
/// suite: PKCS#11 is process-global.
extension TokenKeyStoreTests {
    @Test("renewing a token-held seal-maker key is refused, saying it is not supported yet; nothing is revoked or replaced")
    func makerRenewalOnTokenRefused() throws {
        let token = try SoftHSMToken(label: "maker-renew")
        let directory = try TemporaryDirectory()
        let store = try openStore(token, profile: "softhsm2-sm2-as-ecdsa")
        let station = try initialize(directory, makerToken: store)
        let admin = try station.authenticate("管理员甲", role: .administrator, passphrase: SecretBytes(utf8: "admin passphrase"))
        let before = try directory.read("station/maker/maker-cert.der")
        #expect {
            try station.renewMaker(by: admin, stationPassphrase: SecretBytes(utf8: "station passphrase"), now: StationFixture.now)
        } throws: { error in
            "\(error)".contains("renewal of a token-held maker key is not supported yet")
        }
        #expect(try station.revocations().isEmpty)
        #expect(try directory.read("station/maker/maker-cert.der") == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path("station/maker")).sorted() == ["maker-cert.der", "maker-custody.txt"])
    }
}
