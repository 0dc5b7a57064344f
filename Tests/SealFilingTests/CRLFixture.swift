import Foundation
import SealBundle
import SealCrypto
import SealFiling
import SealPKI
import SealRegistry
import SealStation

/// CRLs of the fixture's station CA, issued with its real key, and bundles carrying them, signed with its real maker
/// key — what the station's export will put in bundles, and CRLs that misbehave.
extension FilingFixture {
    /// The station CA's key.
    func caKey() throws -> PrivateKey { try station.ca.unlockKey(passphrase: Self.stationPassphrase) }

    /// The serial number of `seal`'s holder certificate.
    static func serial(of seal: SealRecord) throws -> [UInt8] { try Certificate(derEncoded: Array(seal.holderCertificate)).serialNumber }

    /// An entry for `seal`'s holder certificate, revoked at `now` for `reason`.
    static func revoked(_ seal: SealRecord, _ reason: CRLReason?, invalidityDate: Date? = nil) throws -> RevokedCertificate {
        RevokedCertificate(serialNumber: try serial(of: seal), revocationDate: now, reason: reason, invalidityDate: invalidityDate)
    }

    /// CRL `number` of the station CA, issued `issuedAfter` seconds after the fixture's time, valid 7 days.
    func crl(_ number: UInt8, _ entries: [RevokedCertificate], issuedAfter seconds: TimeInterval? = nil, nextUpdate: Date? = nil) throws -> CertificateRevocationList {
        let thisUpdate = Self.now.addingTimeInterval(seconds ?? TimeInterval(number) * 60)
        return try CertificateRevocationList.issue(
            issuer: station.ca.certificate, signer: try caKey(), number: [number], thisUpdate: thisUpdate,
            nextUpdate: nextUpdate ?? thisUpdate.addingTimeInterval(7 * 86_400), entries: entries)
    }

    /// The export's bundle carrying `crl` (DER; nil for none), naming `previous` (the SM3 of the bundle before it as
    /// imported, itself re-signed with a CRL) as its predecessor when given.
    func bundle(_ export: BundleExport, crl: [UInt8]?, after previous: String? = nil) throws -> FilingBundle {
        guard var bundle = outcome(export).bundle else { throw BundleImportError.notVerified("the export does not verify") }
        bundle.crl = crl
        if let previous { bundle.info.previousBundleSM3 = previous }
        return bundle
    }

    /// `bundle` signed with the station's maker key and archived, as the policy sees it (SM3 of the archive, the CA
    /// pinned): what an importer gets once the bundle verifier passed it.
    func submission(_ bundle: FilingBundle) throws -> ImportPolicy.Submission {
        let archive = try archive(bundle)
        return ImportPolicy.Submission(bundle: bundle, sm3: Hex.encode(try SM3.hash(archive)), stationCertificate: station.ca.certificate.derEncoded,
                                       anchored: true)
    }

    /// `bundle` signed with the station's maker key and archived: the bundle file.
    func archive(_ bundle: FilingBundle) throws -> Data {
        let makerKey = try PrivateKey(
            encryptedPKCS8: ProtectedFile.read(station.directory.appendingPathComponent("maker/maker-key.p8").path),
            passphrase: Self.stationPassphrase)
        let files = try bundle.signedFiles(signer: makerKey, certificate: station.makerCertificate, chain: [station.ca.certificate], signingTime: Self.now)
        return try BundleArchive.archive(files)
    }
}
