public import Foundation
public import SealCrypto

/// The station's own certificate authority: a self-signed SM2 root kept in a directory as
/// `ca-cert.der` (+ `ca-cert.pem` for other tools) and `ca-key.p8` (encrypted PKCS#8, mode 0600).
/// It issues the seal-maker (制章人) certificate and the holder certificates of seals.
public struct StationCA: Sendable {
    /// The certificate file name inside the CA directory.
    public static let certificateFileName = "ca-cert.der"
    /// The PEM copy of the certificate, for the openssl CLI and other tools.
    public static let certificatePEMFileName = "ca-cert.pem"
    /// The encrypted key file name inside the CA directory.
    public static let keyFileName = "ca-key.p8"
    /// Default validity of the root, in days (20 years).
    public static let defaultValidityDays = 7300

    /// The CA directory.
    public let directory: URL
    /// The CA certificate.
    public let certificate: Certificate

    /// The path of the encrypted key file.
    public var keyPath: String { directory.appendingPathComponent(Self.keyFileName).path }
    /// The path of the DER certificate.
    public var certificatePath: String { directory.appendingPathComponent(Self.certificateFileName).path }

    /// Opens the station CA in `directory` (reads the certificate only; the key stays encrypted).
    /// - Throws: `SealPKIError.stationCANotFound`, or the certificate's parse error.
    public init(directory: URL) throws {
        let path = directory.appendingPathComponent(Self.certificateFileName).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw SealPKIError.stationCANotFound(directory: directory.path)
        }
        self.directory = directory
        self.certificate = try Certificate(derEncoded: try ProtectedFile.read(path))
    }

    /// Creates a new station CA in `directory` (made if missing): a fresh key of `algorithm`, a self-signed root
    /// certificate for `subject`, the key encrypted under `passphrase`.
    /// - Throws: `SealPKIError.stationCAExists` when the directory already holds a CA; nothing is overwritten.
    public static func create(
        in directory: URL, subject: DistinguishedName, algorithm: KeyAlgorithm = .sm2,
        validityDays: Int = defaultValidityDays, passphrase: SecretBytes, encryption: KeyEncryption = .default,
        now: Date
    ) throws -> StationCA {
        guard validityDays > 0 else { throw SealPKIError.invalidValidityDays(validityDays) }
        let fileManager = FileManager.default
        for name in [certificateFileName, keyFileName, certificatePEMFileName]
        where fileManager.fileExists(atPath: directory.appendingPathComponent(name).path) {
            throw SealPKIError.stationCAExists(directory: directory.path)
        }
        // The key and both certificate files appear together (with the directory, if new) or not at all.
        let paths = [keyFileName, certificatePEMFileName, certificateFileName].map { directory.appendingPathComponent($0).path }
        let staged = try StagedFiles(
            destinations: paths, newDirectories: StagedFiles.missingDirectories(for: directory.path), directoryMode: 0o700)
        let key = try PrivateKey.generate(algorithm)
        let template = CertificateTemplate(
            subject: subject, serialNumber: try CertificateTemplate.randomSerialNumber(),
            notBefore: now, notAfter: now.addingTimeInterval(TimeInterval(validityDays) * 86_400),
            basicConstraints: CertificateRole.stationCA.basicConstraints, keyUsage: CertificateRole.stationCA.keyUsage)
        let certificate = try Certificate.issue(template, subjectKey: key.publicKey, issuer: nil, issuerKey: key)
        try staged.write(try key.encryptedPKCS8(passphrase: passphrase, encryption: encryption), to: paths[0], mode: ProtectedFile.secretMode)
        try staged.write(Array(certificate.pemEncoded.utf8), to: paths[1], mode: ProtectedFile.secretMode)
        try staged.write(certificate.derEncoded, to: paths[2], mode: ProtectedFile.secretMode)
        try staged.commit()
        return try StationCA(directory: directory)
    }

    /// Decrypts the CA key and checks it belongs to the CA certificate.
    /// - Throws: `SealCryptoError.wrongPassphrase` and the other key-file errors; `keyFileDoesNotBelong`.
    public func unlockKey(passphrase: SecretBytes) throws -> PrivateKey {
        try KeyFile.unlock(keyPath, passphrase: passphrase, certificate: certificate, role: "station CA")
    }

    /// Issues a maker or holder certificate for `publicKey`, valid from `now` for `validityDays`.
    /// - Throws: `validityBeyondIssuer` when it would outlive the CA certificate.
    public func issue(
        role: CertificateRole, subject: DistinguishedName, publicKey: PublicKey, validityDays: Int,
        caKey: PrivateKey, now: Date
    ) throws -> Certificate {
        guard validityDays > 0 else { throw SealPKIError.invalidValidityDays(validityDays) }
        let notAfter = now.addingTimeInterval(TimeInterval(validityDays) * 86_400)
        guard notAfter <= certificate.notAfter else {
            throw SealPKIError.validityBeyondIssuer(requestedNotAfter: notAfter, issuerNotAfter: certificate.notAfter)
        }
        let template = CertificateTemplate(
            subject: subject, serialNumber: try CertificateTemplate.randomSerialNumber(), notBefore: now,
            notAfter: notAfter, basicConstraints: role.basicConstraints, keyUsage: role.keyUsage)
        return try Certificate.issue(template, subjectKey: publicKey, issuer: certificate, issuerKey: caKey)
    }

    /// Issues a certificate for the key of a PKCS#10 request after checking the request's own signature.
    /// The subject is the one given (the station decides names), not necessarily the one requested.
    public func issue(
        role: CertificateRole, subject: DistinguishedName, request: CertificationRequest, validityDays: Int,
        caKey: PrivateKey, now: Date
    ) throws -> Certificate {
        guard try request.isSelfSignatureValid() else {
            throw SealPKIError.certificationRequestSignatureInvalid(subject: request.subject.description)
        }
        return try issue(
            role: role, subject: subject, publicKey: request.publicKey, validityDays: validityDays, caKey: caKey, now: now)
    }
}
