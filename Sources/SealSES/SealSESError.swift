public import Foundation

/// Errors making or reading seals and signatures. Verification problems are not errors: they are failed checks in a
/// `VerificationReport`.
public enum SealSESError: Error, Equatable, Sendable {
    /// The seal maker must sign with SM2 (GB/T 38540); the key is another algorithm.
    case makerKeyNotSM2(String)
    /// The private key is not the key of the certificate it is used with.
    case keyDoesNotMatchCertificate(role: String)
    /// A seal needs at least one holder certificate.
    case noHolderCertificates
    /// The validity window is empty or reversed.
    case invalidValidity(start: Date, end: Date)
    /// The picture type is not one this station makes (PNG or SVG).
    case unsupportedPictureType(String)
    /// The picture bytes do not look like the declared type.
    case pictureDoesNotMatchType(declared: String)
    /// The picture size in millimetres is not positive.
    case invalidPictureSize(widthMM: Int, heightMM: Int)
    /// Signing needs a v4 seal (GB/T 38540).
    case sealNotV4(String)
    /// The signer's certificate is not among the seal's holder certificates.
    case signerNotAHolder(subject: String)
    /// The signing time is outside the seal's validity window.
    case signingTimeOutsideSealValidity(Date)
    /// The seal lists holders by digest only and no holder certificate was given.
    case holderCertificateNeeded
    /// A GB/T 35275 SignedData needs an SM2 signer.
    case signedDataSignerNotSM2(String)
    /// A detached SignedData does not verify; the reason names the check.
    case signedDataInvalid(String)
    /// A signature just made does not verify with the public key of the signer's certificate; nothing was kept.
    case signatureDoesNotVerify(role: String, subject: String)
}

extension SealSESError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .signatureDoesNotVerify(let role, let subject):
            return "the \(role) signature just made does not verify with the \(role) certificate (\(subject)): the key is "
                + "damaged or not this certificate's key; nothing was written"
        case .signedDataInvalid(let reason):
            return "the signed tag manifest does not verify: \(reason)"
        case .signedDataSignerNotSM2(let algorithm):
            return "the signer key is \(algorithm); GB/T 35275 SignedData is signed with SM2"
        case .makerKeyNotSM2(let algorithm):
            return "the seal-maker key is \(algorithm); GB/T 38540 seals are signed with SM2"
        case .keyDoesNotMatchCertificate(let role):
            return "the \(role) private key does not belong to the \(role) certificate"
        case .noHolderCertificates:
            return "a seal needs at least one holder certificate"
        case .invalidValidity(let start, let end):
            return "the validity window \(start.formatted(.iso8601)) – \(end.formatted(.iso8601)) is empty or reversed"
        case .unsupportedPictureType(let type):
            return "picture type \"\(type)\" is not supported for new seals (PNG or SVG)"
        case .pictureDoesNotMatchType(let declared):
            return "the picture bytes are not \(declared)"
        case .invalidPictureSize(let width, let height):
            return "picture size \(width)×\(height) mm must be positive"
        case .sealNotV4(let version):
            return "signing needs a GB/T 38540 (v4) seal; this seal is \(version)"
        case .signerNotAHolder(let subject):
            return "the signer certificate (\(subject)) is not one of the seal's holder certificates"
        case .signingTimeOutsideSealValidity(let time):
            return "the signing time \(time.formatted(.iso8601)) is outside the seal's validity"
        case .holderCertificateNeeded:
            return "the seal lists its holders by certificate digest; give the holder certificate"
        }
    }
}
