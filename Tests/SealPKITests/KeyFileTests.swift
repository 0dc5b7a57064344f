import Foundation
import SealCrypto
import SealPKI
import SealTestSupport
import Testing

@Suite("key files are opened only for the certificate they belong to")
struct KeyFileTests {
    /// Flips across the ciphertext that decrypt with valid padding: block 3 (a different private scalar) and blocks 4,
    /// 5 and 7 (a garbled public point); the file ends with the 144-byte encryptedData.
    static let flips: [(Int, Int)] = [(48, 0), (51, 7), (70, 2), (88, 3), (113, 6)]

    func holderKeyFile(_ fixture: StationFixture) throws -> (path: String, certificate: Certificate, file: [UInt8]) {
        let (key, certificate) = try fixture.issue(.holder, "/C=CN/O=北京某某科技发展有限公司/CN=合同专用章")
        let file = try key.encryptedPKCS8(passphrase: SecretBytes(utf8: "holder"), encryption: StationFixture.encryption)
        return (try fixture.directory.write("holder-key.p8", file), certificate, file)
    }

    @Test("the right key opens; a damaged one (several bit flips in its ciphertext) is refused naming the file and the certificate")
    func damaged() throws {
        let fixture = try StationFixture()
        let (path, certificate, file) = try holderKeyFile(fixture)
        let key = try KeyFile.unlock(path, passphrase: SecretBytes(utf8: "holder"), certificate: certificate, role: "holder")
        #expect(key.publicKey == certificate.publicKey)
        let start = file.count - 144
        try #require(Array(file[(start - 3)..<start]) == [0x04, 0x81, 0x90])
        for (offset, bit) in Self.flips {
            var damaged = file
            damaged[start + offset] ^= UInt8(1 << bit)
            let damagedPath = try fixture.directory.write("damaged-\(offset)-\(bit).p8", damaged)
            #expect {
                try KeyFile.unlock(damagedPath, passphrase: SecretBytes(utf8: "holder"), certificate: certificate, role: "holder")
            } throws: { error in
                guard case SealPKIError.keyFileDoesNotBelong(let keyFile, let owner, let role) = error else { return false }
                let text = "\(error)"
                return keyFile == damagedPath && owner.contains("合同专用章") && role == "holder"
                    && text.contains("the key file \(damagedPath) does not belong to holder certificate")
                    && text.contains("damaged or not this holder's key")
            }
        }
    }

    @Test("another valid key, and a key for none of several certificates, are refused; the matching certificate is found")
    func foreign() throws {
        let fixture = try StationFixture()
        let (path, certificate, _) = try holderKeyFile(fixture)
        let (_, other) = try fixture.issue(.holder, "/C=CN/O=另一家公司/CN=公章")
        #expect(throws: SealPKIError.self) {
            try KeyFile.unlock(path, passphrase: SecretBytes(utf8: "holder"), certificate: other, role: "holder")
        }
        let found = try KeyFile.unlock(path, passphrase: SecretBytes(utf8: "holder"), certificates: [other, certificate], role: "holder")
        #expect(found.certificate == certificate)
        #expect {
            try KeyFile.unlock(path, passphrase: SecretBytes(utf8: "holder"), certificates: [other, fixture.ca.certificate], role: "holder")
        } throws: { "\($0)".contains("any of the 2 holder certificates") }
        // A wrong passphrase stays a wrong passphrase.
        #expect(throws: SealCryptoError.wrongPassphrase) {
            try KeyFile.unlock(path, passphrase: SecretBytes(utf8: "not it"), certificate: certificate, role: "holder")
        }
    }

    @Test("the station CA key is checked against the CA certificate when unlocked")
    func caKey() throws {
        let fixture = try StationFixture()
        let file = try Array(Data(contentsOf: URL(fileURLWithPath: fixture.ca.keyPath)))
        var damaged = file
        damaged[file.count - 144 + 50] ^= 0x10
        try FileManager.default.removeItem(atPath: fixture.ca.keyPath)
        try Data(damaged).write(to: URL(fileURLWithPath: fixture.ca.keyPath))
        #expect {
            try fixture.ca.unlockKey(passphrase: SecretBytes(utf8: StationFixture.passphrase))
        } throws: { "\($0)".contains("the key file \(fixture.ca.keyPath) does not belong to station CA certificate") }
    }
}
