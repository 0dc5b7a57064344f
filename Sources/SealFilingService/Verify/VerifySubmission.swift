import NIOCore
import Hummingbird
import SealMultipart
public import SealSES

/// What a client sent to `POST /v1/verify`, recognised by its content (the Content-Type is not trusted, except that
/// `multipart/form-data` carries a detached signature with its document): a DER SES_Seal, a DER SES_Signature (alone,
/// or with the document it signs), an OFD (a ZIP package) or a PDF (`%PDF-`).
public enum VerifySubmission: Sendable {
    /// A GB/T 38540 / GM/T 0031 SES_Seal (DER).
    case seal(ElectronicSeal)
    /// An SES_Signature (DER) and, from a multipart form, the document it signs with its file name.
    case signature(ElectronicSignature, document: [UInt8]?, documentName: String?)
    /// An OFD package (a ZIP; the verifier reads its OFD.xml).
    case ofd([UInt8])
    /// A PDF.
    case pdf([UInt8])

    /// What a submission is, for reports and metrics.
    public enum Kind: String, Sendable, Codable {
        case seal, signature, ofd, pdf
    }

    public var kind: Kind {
        switch self {
        case .seal: .seal
        case .signature: .signature
        case .ofd: .ofd
        case .pdf: .pdf
        }
    }

    /// The parts a multipart form may carry: `signature` (the .ses file) and `document`.
    static let partLimit = 4

    /// The submission in `body`, sent with `contentType`.
    /// - Throws: ``APIError`` 415 (`unsupported-content`) for bytes that are no seal, signature, OFD or PDF; 422
    ///   (`malformed`) for DER that is neither an SES_Seal nor an SES_Signature; 400 (`bad-form`) for a multipart
    ///   form without its `signature` part, with unknown parts, or that does not parse.
    public static func read(_ body: [UInt8], contentType: String?) throws(APIError) -> VerifySubmission {
        if MultipartForm.isMultipart(contentType) { return try readForm(body, contentType: contentType ?? "") }
        return try recognise(body)
    }

    /// A bare body, by its leading bytes.
    static func recognise(_ body: [UInt8]) throws(APIError) -> VerifySubmission {
        if body.starts(with: Array("%PDF-".utf8)) { return .pdf(body) }
        // A ZIP's local file header (an empty archive has none, and is no OFD).
        if body.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .ofd(body) }
        // DER: a SEQUENCE with a definite length.
        if body.first == 0x30 {
            let signatureError: any Error, sealError: any Error
            do {
                return .signature(try ElectronicSignature(derEncoded: body), document: nil, documentName: nil)
            } catch {
                signatureError = error
            }
            do {
                return .seal(try ElectronicSeal(derEncoded: body))
            } catch {
                sealError = error
            }
            throw APIError(.unprocessableContent, "malformed",
                           "the DER body is neither an SES_Signature (\(signatureError)) nor an SES_Seal (\(sealError))")
        }
        throw APIError(.unsupportedMediaType, "unsupported-content",
                       "the body is not a seal or a signature (DER), an OFD (ZIP) or a PDF (%PDF-): it begins with "
                           + body.prefix(8).map { String($0, radix: 16, uppercase: false) }.joined(separator: " "))
    }

    /// A multipart form: the `signature` part (an SES_Signature) and, optionally, the `document` part it signs.
    static func readForm(_ body: [UInt8], contentType: String) throws(APIError) -> VerifySubmission {
        let form: MultipartForm
        do {
            form = try MultipartForm.parse(ByteBuffer(bytes: body), contentType: contentType, partLimit: partLimit)
        } catch {
            throw APIError(.badRequest, "bad-form", "\(error)")
        }
        if let unknown = form.parts.first(where: { $0.name != "signature" && $0.name != "document" }) {
            throw APIError(.badRequest, "bad-form", "the form has a part \"\(unknown.name)\"; only \"signature\" and \"document\" are read")
        }
        guard let signaturePart = form.part("signature"), !signaturePart.bytes.isEmpty else {
            throw APIError(.badRequest, "bad-form", "the form has no \"signature\" part: send the detached signature (.ses) as \"signature\"")
        }
        let signature: ElectronicSignature
        do {
            signature = try ElectronicSignature(derEncoded: signaturePart.bytes)
        } catch {
            throw APIError(.unprocessableContent, "malformed", "the \"signature\" part is not an SES_Signature: \(error)")
        }
        let document = form.part("document")
        return .signature(signature, document: document?.bytes, documentName: document.map { $0.filename.flatMap(Self.baseName) ?? "document" })
    }

    /// The last component of a file name a browser or curl sent (either separator), or nil when empty.
    static func baseName(_ filename: String) -> String? {
        let last = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init)
        return last?.isEmpty == false ? last : nil
    }
}
