import Foundation
import SealBundle
import SealCrypto
import SealFiling
import SealPKI
import SealRegistry
import SealStation

extension DemoCommand {
    /// Step 8b: a confidential filing. The filing authority's SM2 encryption certificate (made here, its key kept
    /// encrypted under the station passphrase in filing-authority/); a use; bundle 3 exported encrypted to it
    /// (`export --to-recipient`: filing-….zip.p7e, the QR manifest naming the encrypted file); online, refused
    /// without the key, then decrypted in memory, verified and imported (`sealfiling import --decrypt-key`).
    func demoEncryptedFiling(
        station: Station, clerk: OfficerRecord, approver: OfficerRecord, seal: SealRecord, holderSecret: SecretBytes, directory: URL,
        stationSecret: SecretBytes, verifier: BundleVerifier, importer: BundleImporter, clock: DemoClock, record: (String, String, [URL]) -> Void
    ) throws {
        let authority = directory.appendingPathComponent("filing-authority")
        try ProtectedFile.createDirectory(authority.path)
        let key = try PrivateKey.generate(.sm2)
        let now = clock.next()
        let certificate = try Certificate.issue(
            CertificateTemplate(
                subject: try DistinguishedName(parsing: "/C=CN/O=某省公安厅/CN=电子印章备案中心（加密）"), serialNumber: try CertificateTemplate.randomSerialNumber(),
                notBefore: now.addingTimeInterval(-60), notAfter: now.addingTimeInterval(365 * 86_400), basicConstraints: .endEntity,
                keyUsage: [.keyEncipherment, .dataEncipherment]),
            subjectKey: key.publicKey, issuer: nil, issuerKey: key)
        let certificateFile = authority.appendingPathComponent("enc-cert.pem"), keyFile = authority.appendingPathComponent("enc-key.p8")
        try ProtectedFile.write(Array(certificate.pemEncoded.utf8), to: certificateFile.path, mode: ProtectedFile.publicMode)
        // Kept for `sealfiling import --decrypt-key` by hand (under the station passphrase, at the lowest accepted cost to
        // keep the demo quick); the online step below uses the key in memory.
        try ProtectedFile.write(try key.encryptedPKCS8(passphrase: stationSecret, encryption: KeyEncryption(iterations: KeyEncryption.minimumIterations)),
                                to: keyFile.path, mode: ProtectedFile.secretMode)

        let request = try station.requestUse(by: clerk, sealID: seal.id!, reason: "出具保密证明", count: 1, now: clock.next())
        _ = try station.approveUse(by: approver, requestID: request.id!, now: clock.next())
        _ = try station.sign(by: clerk, sealID: seal.id!, document: Array("保密证明\n".utf8), documentName: "保密证明.txt",
                             holderPassphrase: holderSecret, now: clock.next())
        let started = Date()
        let third = try station.exportBundle(
            by: clerk, to: directory.appendingPathComponent("courier"), stationPassphrase: stationSecret, recipient: certificate, now: clock.next())
        let exportSeconds = Date().timeIntervalSince(started)
        record("filing bundle 3 exported encrypted (export --to-recipient)",
               "SM2 key transport to \(certificate.subject) + SM4-CBC, \(third.bytes) bytes (\(third.path.split(separator: "/").last ?? "")); "
                   + "QR manifest and sheet name the encrypted file's SM3 \(third.sm3.prefix(12))…; \(String(format: "%.2f", exportSeconds)) s",
               [URL(fileURLWithPath: third.path), URL(fileURLWithPath: third.sheetPath), certificateFile])

        let url = URL(fileURLWithPath: third.path)
        let locked = verifier.verify(url)
        var decrypting = verifier
        decrypting.decryption = try BundleDecryption(key: key, certificate: certificate)
        let opened = Date()
        let outcome = decrypting.verify(url)
        let verifySeconds = Date().timeIntervalSince(opened)
        guard !locked.report.isValid, outcome.report.isValid else {
            record("bundle 3 decrypted and verified online", "FAILED: \(outcome.report.firstFailure ?? "read without its key")", [])
            throw ExitStatus.verificationFailed
        }
        let importedAt = clock.next()
        let result = try DemoAsync.run { try await importer.importBundle(outcome, now: importedAt) }
        record("bundle 3 online (sealfiling import --decrypt-key --decrypt-cert)",
               "without the key: refused (\(locked.report.firstFailure?.prefix(60) ?? "")…); with it: decrypted in memory, verified "
                   + "(\(String(format: "%.2f", verifySeconds)) s) and \(result.status.rawValue), bundle SM3 \(outcome.report.sm3.prefix(12))…",
               [keyFile])
    }
}
