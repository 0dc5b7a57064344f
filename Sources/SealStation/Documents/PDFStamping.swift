public import Foundation
public import SealCrypto
public import SealDocument
public import SealPDF
import SealPDFText
public import SealRegistry
import SealRender
public import SealSES

/// 签章 on a PDF (ISO 32000 with an RFC 5652 CMS that carries a GB/T 38540 v4 SES_Signature) through the station's
/// use gate: the prepared ``PDFStamp`` gives the digest the SES_Signature protects — the SM3 of the revision's byte
/// range — and its field name as the propertyInfo; the gate's holder key then signs the CMS over the same bytes,
/// and the stamp writes it into /Contents and reads the file back.
public struct PDFStamping: DocumentStamping {
    /// The prepared stamp (revision written, byte range fixed, /Contents empty).
    public let stamp: PDFStamp
    /// The SM3 of the byte range, the field name as propertyInfo, and the original document's SM3.
    public let toBeSigned: ToBeSigned

    /// The stamping of `stamp`, prepared on the PDF whose bytes before stamping are `bytes` (named `name` in the use
    /// log, which records their SM3).
    public init(_ stamp: PDFStamp, original bytes: [UInt8], name: String) throws {
        self.stamp = stamp
        toBeSigned = try ToBeSigned(
            dataHash: stamp.dataHash, documentName: name, documentSM3: Hex.encode(try SM3.hash(bytes)), propertyInfo: stamp.fieldName)
    }

    /// The stamping of the registry's seal `seal` on `file` (named `name`) where `placement` says: its picture drawn,
    /// the holder certificate's key deciding the profile (``subFilter(for:)``), the station CA carried as the chain.
    /// What `use sign DOC.pdf`, the console's 签章 and its preview all prepare.
    /// - Throws: ``PDFStampError`` naming the page, keyword or part of the file; the seal's and certificate's parse
    ///   errors for a damaged registry row.
    public init(
        _ file: PDFFile, name: String, seal: SealRecord, placement: StampPlacement, stationCA: Certificate,
        contentTypes: PDFSignedData.ContentTypes = .pkcs7, signingTime: Date, limits: PDFLimits = .init()
    ) throws {
        let electronicSeal = try ElectronicSeal(derEncoded: Array(seal.sealDER))
        let holder = try Certificate(derEncoded: Array(seal.holderCertificate))
        let prepared = try PDFStamp.prepare(
            file, name: name, seal: electronicSeal, image: try Self.image(of: electronicSeal), placement: placement, signer: holder,
            chain: [stationCA], subFilter: Self.subFilter(for: holder), contentTypes: contentTypes, signingTime: signingTime,
            keywordSearch: PDFTextSearch.Keywords(), limits: limits)
        try self.init(prepared, original: file.bytes, name: name)
    }

    /// The stamped PDF: the CMS signed by `signer` with `signature` as its unsigned attribute, read back by the stamp.
    public func stamped(with signature: ElectronicSignature, signer: DocumentSigner) throws -> StampedDocument {
        StampedDocument(
            bytes: try stamp.signed(signature, signer: signer.key, certificate: signer.certificate, chain: signer.chain),
            signatureID: stamp.fieldName, placement: stamp.placementDescription)
    }

    /// The appearance of `seal` on a PDF: its PNG picture as RGB and alpha planes (an image XObject and its soft mask).
    /// - Throws: ``PDFStampError/cannotEdit(_:)`` when the picture is not a PNG; the PNG decoder's error.
    public static func image(of seal: ElectronicSeal) throws -> PDFSignatureRevision.Image {
        let picture = seal.picture
        guard SealPicture.Format(declaredType: picture.type) == .png, SealPicture.Format.png.matches(picture.data) else {
            throw PDFStampError.cannotEdit("the seal's picture is \(picture.type), and only PNG pictures are drawn on PDF pages")
        }
        let raster = try RasterImage(png: picture.data)
        let planes = try raster.deflatedPlanes()
        return PDFSignatureRevision.Image(width: raster.width, height: raster.height, rgbFlate: planes.rgb, alphaFlate: planes.alpha)
    }

    /// The /SubFilter a seal's holder key signs with: `adbe.pkcs7.detached` for SM2 (Chinese practice), PAdES's
    /// `ETSI.CAdES.detached` for ECDSA P-256 token keys.
    public static func subFilter(for holderCertificate: Certificate) -> PDFSubFilter {
        holderCertificate.publicKey.algorithm == .sm2 ? .adbePKCS7Detached : .etsiCAdESDetached
    }
}
