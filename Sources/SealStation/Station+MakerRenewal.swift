public import Foundation
public import SealCrypto
import SealPKI
public import SealRegistry
#if canImport(Glibc)
import Glibc
#endif

/// What a seal-maker renewal did.
public struct MakerRenewal: Sendable, Codable {
    /// SM3 (hex) and serial number (hex) of the revoked maker certificate.
    public var oldCertificateSM3: String
    public var oldSerialNumber: String
    /// SM3 (hex) and serial number (hex) of the new maker certificate.
    public var newCertificateSM3: String
    public var newSerialNumber: String
    /// The CRL reason the old certificate is listed with.
    public var reason: String
    public var invalidityDate: Date?
    /// Where the old certificate is kept (`maker/maker-cert-<serial>.der`), so old seals' maker can still be shown.
    public var archivedCertificatePath: String
    public var certificatePath: String
}

extension Station {
    /// The staging directory of a renewal's new maker key and certificate.
    static let makerRenewalDirectory = "maker/.renewal"

    /// Where a replaced maker certificate is kept: `maker/maker-cert-<serial hex>.der`.
    static func archivedMakerCertificateFile(serialNumber: [UInt8]) -> String {
        "maker/maker-cert-\(Hex.encode(serialNumber)).der"
    }

    /// Renews the seal maker after its key was compromised (or for another of ``acceptedCRLReasons``; administrators):
    /// the current maker certificate goes on the revocation list (role maker, `reason`, `invalidityDate`), a new SM2
    /// maker key is generated and a new maker certificate with the same subject issued by the station CA; the old
    /// certificate is kept as `maker/maker-cert-<serial>.der`, and `maker/maker-key.p8` (encrypted under
    /// `stationPassphrase`) and `maker/maker-cert.der` are replaced. The renewal is recorded (`maker.renew`, with both
    /// certificates' SM3 and the reason) before the files are replaced; a run killed in between is finished by the
    /// next open. Reopen the station afterwards: this ``Station`` still has the old ``makerCertificate``.
    /// - Throws: `invalidInput` when the maker key is on a token (renewing a token-held maker key is not supported
    ///   yet), for a refused reason or an invalidity date after `now`.
    public func renewMaker(
        by officer: OfficerRecord, stationPassphrase: SecretBytes, reason: CRLReason = .keyCompromise, invalidityDate: Date? = nil,
        keyEncryption: KeyEncryption = .default, now: Date = Date()
    ) throws -> MakerRenewal {
        try require(officer, .administrator, to: "renew the seal maker")
        if let custody = try makerCustody {
            throw RegistryError.invalidInput(
                field: "seal maker",
                reason: "the seal-maker key is on \(custody); renewal of a token-held maker key is not supported yet")
        }
        try Self.checkRevocation(reason, invalidityDate: invalidityDate, now: now)
        let caKey = try ca.unlockKey(passphrase: stationPassphrase)
        return try withExclusiveLock {
            let current = try Certificate(derEncoded: ProtectedFile.read(directory.appendingPathComponent(Self.makerCertificateFile).path))
            guard current == makerCertificate else {
                throw RegistryError.invalidTransition(
                    object: "seal maker", from: "renewed already since this station was opened", action: "renewed (reopen the station)")
            }
            let key = try PrivateKey.generate(.sm2)
            let renewed = try ca.issue(
                role: .maker, subject: current.subject, publicKey: key.publicKey,
                validityDays: min(3650, Int(ca.certificate.notAfter.timeIntervalSince(now) / 86_400)), caKey: caKey, now: now)
            let archive = directory.appendingPathComponent(Self.archivedMakerCertificateFile(serialNumber: current.serialNumber)).path
            let renewal = directory.appendingPathComponent(Self.makerRenewalDirectory)
            let newKey = renewal.appendingPathComponent("maker-key.p8").path, newCertificate = renewal.appendingPathComponent("maker-cert.der").path
            // The old certificate's copy and the new files appear together, before anything is recorded.
            let staged = try StagedFiles(destinations: [archive, newKey, newCertificate], newDirectories: [renewal.path])
            try staged.write(current.derEncoded, to: archive, mode: ProtectedFile.secretMode)
            try staged.write(try key.encryptedPKCS8(passphrase: stationPassphrase, encryption: keyEncryption), to: newKey, mode: ProtectedFile.secretMode)
            try staged.write(renewed.derEncoded, to: newCertificate, mode: ProtectedFile.secretMode)
            try staged.commit()
            let revocation = CertificateRevocationRecord(
                certificate: current, sealID: nil, role: .maker, revokedAt: now, reason: reason, invalidityDate: invalidityDate,
                officer: officer.name)
            do {
                try database.recordMakerRenewal(revocation, newCertificateSM3: Hex.encode(renewed.fingerprint), caKey: caKey, now: now)
            } catch {
                staged.rollback()
                throw error
            }
            // Recorded: the new key and certificate replace the old ones (each rename atomic; the next open finishes
            // a run killed between them).
            try Self.finishMakerRenewal(directory: directory, database: database)
            return MakerRenewal(
                oldCertificateSM3: revocation.certificateSM3, oldSerialNumber: revocation.serialNumber,
                newCertificateSM3: Hex.encode(renewed.fingerprint), newSerialNumber: Hex.encode(renewed.serialNumber), reason: reason.name,
                invalidityDate: invalidityDate, archivedCertificatePath: archive,
                certificatePath: directory.appendingPathComponent(Self.makerCertificateFile).path)
        }
    }

    /// Finishes or undoes a maker renewal left in `maker/.renewal/` (call under the station lock): when the registry
    /// records the renewal to the certificate found there (or already in place), the remaining files move into place;
    /// otherwise the staged files are removed and the old maker stays.
    static func finishMakerRenewal(directory: URL, database: StationDatabase) throws {
        let fileManager = FileManager.default
        let renewal = directory.appendingPathComponent(makerRenewalDirectory)
        guard fileManager.fileExists(atPath: renewal.path) else { return }
        let stagedCertificate = renewal.appendingPathComponent("maker-cert.der").path
        let certificatePath = fileManager.fileExists(atPath: stagedCertificate)
            ? stagedCertificate : directory.appendingPathComponent(makerCertificateFile).path
        let sm3 = Hex.encode(try SM3.hash(try ProtectedFile.read(certificatePath)))
        guard try database.makerRenewalRecorded(newCertificateSM3: sm3) else {
            try fileManager.removeItem(at: renewal)
            return
        }
        // The key first: a key without its certificate is refused by every unlock (checked against the certificate).
        for (name, destination) in [("maker-key.p8", makerKeyFile), ("maker-cert.der", makerCertificateFile)] {
            let source = renewal.appendingPathComponent(name).path
            guard fileManager.fileExists(atPath: source) else { continue }
            guard rename(source, directory.appendingPathComponent(destination).path) == 0 else {
                throw RegistryError.database(
                    operation: "renew the seal maker",
                    reason: "the renewal is recorded but \(source) cannot be moved into place (\(String(cString: strerror(errno)))); "
                        + "the next open of the station tries again")
            }
        }
        try fileManager.removeItem(at: renewal)
    }
}
