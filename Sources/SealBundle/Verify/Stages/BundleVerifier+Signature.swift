import SealSES
import SealCrypto

extension BundleVerifier {
    /// Stage ``BundleCheck/signature``: the detached SignedData over tagmanifest-sm3.txt is the seal maker's, and
    /// carries exactly the seal-maker and station CA certificates.
    static func checkSignature(_ files: [BundleMember], station: VerifiedStation) -> VerificationReport.Check {
        BundleCheck.signature.run {
            guard let signature = files.first(where: { $0.path == FilingBundle.signaturePath }) else {
                throw FilingBundleError.missingFile(FilingBundle.signaturePath)
            }
            guard let tagManifest = files.first(where: { $0.path == "tagmanifest-sm3.txt" }) else {
                throw FilingBundleError.missingFile("tagmanifest-sm3.txt")
            }
            let verification = try DetachedSignedData.verify(try signature.bytes.read(), content: try tagManifest.bytes.read(), anchors: [station.certificate])
            guard verification.signer.derEncoded == station.maker.derEncoded else {
                throw FilingBundleError.inconsistent("the SignedData is signed by \(verification.signer.subject), not the station's seal maker")
            }
            // A DER SET OF: compared as a set.
            let carried = verification.certificates.map(\.derEncoded)
            guard carried.count == 2, Set(carried) == [station.maker.derEncoded, station.certificate.derEncoded] else {
                throw FilingBundleError.inconsistent("the SignedData does not carry exactly the seal-maker and station CA certificates")
            }
            return "SignedData over tagmanifest-sm3.txt by \(station.maker.subject), SM2 with ID 1234567812345678"
        }
    }
}
