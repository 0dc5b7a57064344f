public import Foundation
public import SealCrypto
public import SealPKI

/// A station CA with an SM2 root, made once per test in a temporary directory.
public struct StationFixture {
    public static let passphrase = "station passphrase 站点口令"
    public static let encryption = KeyEncryption(cipher: .aes256CBC, iterations: KeyEncryption.minimumIterations)
    public static let now = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21, fixed so tests are repeatable

    public let directory: TemporaryDirectory
    public let ca: StationCA
    public let caKey: PrivateKey

    public init() throws {
        directory = try TemporaryDirectory()
        ca = try StationCA.create(
            in: directory.url.appendingPathComponent("ca"),
            subject: try DistinguishedName(parsing: "/C=CN/O=某市公安局/OU=SealStation/CN=某市电子印章站点根CA"),
            passphrase: SecretBytes(utf8: Self.passphrase), encryption: Self.encryption, now: Self.now)
        caKey = try ca.unlockKey(passphrase: SecretBytes(utf8: Self.passphrase))
    }

    public func issue(_ role: CertificateRole, _ subject: String, algorithm: KeyAlgorithm = .sm2, days: Int = 365)
        throws -> (PrivateKey, Certificate)
    {
        let key = try PrivateKey.generate(algorithm)
        let certificate = try ca.issue(
            role: role, subject: DistinguishedName(parsing: subject), publicKey: key.publicKey, validityDays: days,
            caKey: caKey, now: Self.now)
        return (key, certificate)
    }
}

