import Foundation
import SealCrypto
import SealPKI
import SealRegistry
import SealSES
import SealStation

extension DemoCommand {
    /// Step 5b: 注销 reaches every verifier. The administrator issues the station CA's CRL (the revoked personal
    /// seal's holder certificate as cessationOfOperation, the changed unit seal's as superseded); with it, the revoked
    /// seal's earlier signature verifies and says when the seal was revoked and why, while a signature its holder makes
    /// afterwards with the key files still in hand (the station itself refuses the use) does not — without the CRL it
    /// would. The seal itself, checked now, is revoked.
    func demoRevocation(
        station: Station, clerk: OfficerRecord, approver: OfficerRecord, admin: OfficerRecord, revoked: SealRecord,
        earlier: (signature: ElectronicSignature, document: [UInt8]), changed: (signature: ElectronicSignature, document: [UInt8]),
        holderSecret: SecretBytes, stationSecret: SecretBytes, directory: URL, clock: DemoClock, record: (String, String, [URL]) -> Void
    ) throws -> URL {
        let crl = try station.issueCRL(by: admin, stationPassphrase: stationSecret, now: clock.next())
        let crlFile = directory.appendingPathComponent("crl/station-ca.crl")
        try ProtectedFile.createDirectory(crlFile.deletingLastPathComponent().path)
        try ProtectedFile.write(crl.derEncoded, to: crlFile.path, mode: ProtectedFile.publicMode)
        let entries = crl.entries.map { ($0.reason ?? .unspecified).name }.sorted()
        record("CRL #\(crl.numberValue ?? 0) issued by the station CA (crl issue, 张管理)",
               "\(crl.entries.count) entries (\(entries.joined(separator: ", "))), next update \(TimeText.iso8601(crl.nextUpdate ?? crl.thisUpdate))",
               [crlFile])

        let now = clock.next()
        let checker = RevocationChecker(crls: [crl], requireCRL: true, now: now)
        let verifier = SignatureVerifier(trust: .anchors([station.ca.certificate]), revocation: checker)
        func revocationDetail(_ report: VerificationReport) -> String {
            report.checks.first { $0.id == "signer-certificate-revocation" }?.detail ?? "no revocation check"
        }

        // The revoked seal's signature made before its 注销: valid, with both times and the reason.
        let before = verifier.verify(earlier.signature, document: earlier.document, fallbackTime: now)
        guard before.isValid, revocationDetail(before).contains("cessationOfOperation") else {
            record("the revoked seal's earlier signature, with the CRL", "FAILED: \(before.failures.map(\.detail).joined(separator: "; "))", [])
            throw ExitStatus.verificationFailed
        }
        record("the revoked seal's earlier signature, verified with the CRL (--crl --require-crl)", "valid: " + revocationDetail(before), [])
        let superseded = verifier.verify(changed.signature, document: changed.document, fallbackTime: now)
        guard superseded.isValid, revocationDetail(superseded).contains("superseded") else {
            record("the changed seal's earlier signature, with the CRL", "FAILED: \(superseded.failures.map(\.detail).joined(separator: "; "))", [])
            throw ExitStatus.verificationFailed
        }
        record("the changed (变更) seal's earlier signature, with the CRL", "valid: " + revocationDetail(superseded), [])

        // A new attempt to use the revoked seal: the station refuses the request; the holder, who still has the key
        // files, signs outside the station. Without the CRL that signature verifies; with it, it is revoked.
        do {
            _ = try station.requestUse(by: clerk, sealID: revoked.id!, reason: "注销后仍想用印", count: 1, now: clock.next())
            FileHandle.standardError.write(Data("✗ the station accepted a use of a revoked seal\n".utf8))
            throw ExitStatus.verificationFailed
        } catch let error as RegistryError {
            record("a use request for the revoked seal", "refused by the station: \(error)", [])
        }
        let folder = try station.custodyDirectory(of: revoked)
        let holderCertificate = try Certificate(derEncoded: Array(revoked.holderCertificate))
        let holderKey = try KeyFile.unlock(
            folder.appendingPathComponent("holder-key.p8").path, passphrase: holderSecret, certificate: holderCertificate, role: "holder")
        let document = Array("注销后的授权书（持有人在制作站外自行签署）\n".utf8)
        let attempt = try SignatureMaker.sign(
            document: document, documentName: "注销后的授权书.txt", seal: try ElectronicSeal(derEncoded: Array(revoked.sealDER)),
            holderKey: holderKey, holderCertificate: holderCertificate, signingTime: clock.next())
        let attemptFile = directory.appendingPathComponent("注销后的授权书.txt.ses")
        try ProtectedFile.write(document, to: directory.appendingPathComponent("注销后的授权书.txt").path, mode: ProtectedFile.publicMode)
        try ProtectedFile.write(attempt.derEncoded, to: attemptFile.path, mode: ProtectedFile.publicMode)
        let withoutCRL = SignatureVerifier(trust: .anchors([station.ca.certificate])).verify(attempt, document: document, fallbackTime: now)
        let withCRL = verifier.verify(attempt, document: document, fallbackTime: now)
        guard withoutCRL.isValid, !withCRL.isValid, withCRL.failures.map(\.id) == ["signer-certificate-revocation"],
              revocationDetail(withCRL).contains("cessationOfOperation")
        else {
            record("a signature made after the 注销", "FAILED: the CRL did not decide it (\(withCRL.failures.map(\.detail).joined(separator: "; ")))", [])
            throw ExitStatus.verificationFailed
        }
        record("a signature made with the revoked seal's key after the 注销",
               "without the CRL it verifies; with it: INVALID — \(revocationDetail(withCRL))", [attemptFile])

        let sealReport = SealVerifier(trust: .anchors([station.ca.certificate]), revocation: checker)
            .verify(try ElectronicSeal(derEncoded: Array(revoked.sealDER)), at: now)
        guard !sealReport.isValid, sealReport.failures.map(\.id) == ["holder-revocation"] else {
            record("seal verify of the revoked seal with the CRL", "FAILED: \(sealReport.failures.map(\.detail).joined(separator: "; "))", [])
            throw ExitStatus.verificationFailed
        }
        record("seal verify of the revoked seal with the CRL", "invalid: holder certificate revoked (cessationOfOperation)",
               [folder.appendingPathComponent("seal.sel")])
        return crlFile
    }
}
