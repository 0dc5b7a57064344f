import Foundation
import SealASN1
public import SealCrypto
import SwiftASN1

/// Makes GB/T 38540 (v4) seals signed by the seal maker (制章人).
public enum SealMaker {
    /// Builds `SES_SealInfo` from `request`, signs its DER with `makerKey` (SM2 with SM3, ID 1234567812345678) and
    /// wraps it with the maker certificate into a `SESeal`. The bytes signed are the bytes embedded, and the signature
    /// is verified with the maker certificate's key before the seal is returned.
    /// - Throws: `SealSESError` for requests the standard or the station refuses; `SESFormatError` for non-ASCII
    ///   identifiers.
    public static func make(
        _ request: SealMakingRequest, makerKey: some MessageSigner, makerCertificate: Certificate
    ) throws -> ElectronicSeal {
        guard makerKey.publicKey.algorithm == .sm2, makerKey.signatureAlgorithm == .sm2WithSM3 else {
            throw SealSESError.makerKeyNotSM2(makerKey.publicKey.algorithm.displayName)
        }
        guard makerKey.publicKey == makerCertificate.publicKey else {
            throw SealSESError.keyDoesNotMatchCertificate(role: "seal-maker")
        }
        guard !request.holders.isEmpty else { throw SealSESError.noHolderCertificates }
        guard request.validStart < request.validEnd else {
            throw SealSESError.invalidValidity(start: request.validStart, end: request.validEnd)
        }
        let picture = request.picture
        guard let format = SealPicture.Format(declaredType: picture.type), format == .png || format == .svg else {
            throw SealSESError.unsupportedPictureType(picture.type)
        }
        guard format.matches(picture.data) else { throw SealSESError.pictureDoesNotMatchType(declared: picture.type) }
        guard picture.widthMM > 0, picture.heightMM > 0 else {
            throw SealSESError.invalidPictureSize(widthMM: picture.widthMM, heightMM: picture.heightMM)
        }

        let certList: SESv4.SES_CertList = request.listHoldersByDigest
            ? .certDigestList(try request.holders.map { try SESv4.CertDigestObj(type: "SM3", value: $0.fingerprint) })
            : .certs(request.holders.map { ASN1OctetString(contentBytes: $0.derEncoded[...]) })
        let property = SESv4.SES_ESPropertyInfo(
            type: request.type.rawValue, name: request.name, certList: certList,
            createDate: try SESTime.generalizedTime(request.createDate),
            validStart: try SESTime.generalizedTime(request.validStart),
            validEnd: try SESTime.generalizedTime(request.validEnd))
        let sealInfo = try SESv4.SES_SealInfo(
            header: try SES_Header(version: 4, vid: request.vendorID), esID: request.esID, property: property,
            picture: try SES_ESPictrueInfo(
                type: format == .png ? "PNG" : "SVG", data: picture.data, widthMM: picture.widthMM, heightMM: picture.heightMM),
            extDatas: request.extensions.isEmpty ? nil : ExtensionDatas(request.extensions))
        var serializer = DER.Serializer()
        try serializer.serialize(sealInfo)
        let signedBytes = serializer.serializedBytes
        let signature = try makerKey.signature(for: signedBytes)
        guard try makerCertificate.publicKey.isValidSignature(signature, for: signedBytes) else {
            throw SealSESError.signatureDoesNotVerify(role: "seal-maker", subject: makerCertificate.subject.description)
        }
        let seal = try SESv4.SESeal(
            eSealInfoBytes: signedBytes, cert: makerCertificate.derEncoded, signAlgID: SignatureAlgorithm.sm2WithSM3.oid,
            signedValue: signature)
        return try ElectronicSeal(structure: .v4(seal))
    }
}
