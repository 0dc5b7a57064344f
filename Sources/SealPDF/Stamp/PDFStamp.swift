public import Foundation
public import SealCrypto
public import SealDocument
public import SealSES

/// A visible seal (签章) prepared for one PDF: prepared BEFORE signing (``prepare(_:name:seal:image:placement:signer:chain:subFilter:contentTypes:signingTime:keywordSearch:limits:)``
/// places the seal at its true size, writes the incremental revision with an empty /Contents and fixes the byte
/// range, whose SM3 the SES_Signature must carry as dataHash), signed AFTER (``signed(_:signer:certificate:chain:)``
/// makes the CMS with the holder key, the SES_Signature as its unsigned attribute, writes it into /Contents and reads
/// the file back). The original bytes stay a prefix, so earlier signatures stay valid.
public struct PDFStamp: Sendable {
    /// The revision, /Contents still zeros.
    public let revision: PDFSignatureRevision
    /// SM3 of the byte range: what the SES_Signature's dataHash must be.
    public let dataHash: [UInt8]
    /// The signing time in whole seconds: /M, the CMS signingTime (PKCS #7 profile) and the SES timeInfo.
    public let signingTime: Date
    /// Where the seal is drawn: on one page, or on every page for a riding seal (its whole box in mm from the shown
    /// page's top-left corner, and the slice that page shows).
    public let appearances: [StampAppearance]
    public let placement: StampPlacement
    public let subFilter: PDFSubFilter
    public let contentTypes: PDFSignedData.ContentTypes
    let limits: PDFLimits

    /// The signature field's name (/T), which the SES_Signature's propertyInfo names.
    public var fieldName: String { revision.fieldName }

    /// For the use log: where the seal went, e.g. `page 1: 84 229 42 42 mm`.
    public var placementDescription: String {
        let first = appearances.first.map { "page \($0.page ?? 0): \($0.boundary) mm" } ?? ""
        switch placement {
        case .keyword(let text, let occurrence): return "keyword '\(text)' (occurrence \(occurrence)), \(first)"
        case .riding(let edge): return "riding \(edge.rawValue), pages 1–\(appearances.count)"
        case .position: return first
        }
    }

    /// Prepares a stamp of `seal` drawn as `image` where `placement` says, signed at `signingTime` (fractions of a
    /// second dropped) by the holder whose certificate is `certificate` (with `chain` carried in the CMS).
    /// - Throws: ``PDFStampError`` naming the page or the part of the file; ``PDFStructureError`` for a file that
    ///   cannot be read.
    public static func prepare(
        _ file: PDFFile, name: String, seal: ElectronicSeal, image: PDFSignatureRevision.Image, placement: StampPlacement,
        signer certificate: Certificate, chain: [Certificate], subFilter: PDFSubFilter, contentTypes: PDFSignedData.ContentTypes = .pkcs7,
        signingTime: Date, keywordSearch: (any PDFKeywordSearch)? = nil, limits: PDFLimits = .init()
    ) throws -> PDFStamp {
        let picture = seal.picture
        guard (1...SealPicture.maximumSizeMM).contains(picture.widthMM), (1...SealPicture.maximumSizeMM).contains(picture.heightMM) else {
            throw PDFStampError.invalidSealSize(width: picture.widthMM, height: picture.heightMM)
        }
        let width = Double(picture.widthMM), height = Double(picture.heightMM)
        let fieldName = Self.fieldName(avoiding: Set(file.signatureFields.map(\.name)))
        // Where the seal goes: its whole box on each page (mm on the shown page) and, for a riding seal, the slice of
        // it that page shows.
        var placed: [(page: Int, box: MillimetreBox, clip: MillimetreBox?)] = []
        switch placement {
        case .position(let asked, let x, let y):
            guard (1...max(1, file.pageCount)).contains(asked), asked <= file.pageCount else {
                throw PDFStampError.noSuchPage(asked, pageCount: file.pageCount)
            }
            guard x.isFinite, y.isFinite, abs(x) <= 100_000, abs(y) <= 100_000 else { throw PDFStampError.invalidPosition(x: x, y: y) }
            placed = [(asked, MillimetreBox(centreX: x, centreY: y, width: width, height: height), nil)]
        case .keyword(let text, let occurrence):
            guard !text.isEmpty, (1...10_000).contains(occurrence) else { throw PDFStampError.invalidKeyword(text: text, occurrence: occurrence) }
            guard let keywordSearch else { throw PDFStampError.noKeywordSearch(text: text) }
            switch try keywordSearch.find(text, occurrence: occurrence, in: file) {
            case .success(let match):
                let x = match.box.x + match.box.width / 2, y = match.box.y + match.box.height / 2
                guard x.isFinite, y.isFinite, abs(x) <= 100_000, abs(y) <= 100_000 else { throw PDFStampError.invalidPosition(x: x, y: y) }
                placed = [(match.page, MillimetreBox(centreX: x, centreY: y, width: width, height: height), nil)]
            case .failure(let fewer):
                throw PDFStampError.keywordNotFound(text: text, occurrence: occurrence, found: fewer.count)
            }
        case .riding(let edge):
            guard file.pageCount >= 2 else { throw PDFStampError.ridingNeedsPages(pageCount: file.pageCount) }
            placed = try Self.riding(edge, pages: file.pages, width: width, height: height)
        }
        var widgets: [PDFSignatureRevision.Widget] = []
        var appearances: [StampAppearance] = []
        for (page, box, clip) in placed {
            let geometry = file.pages[page - 1]
            let shown = geometry.shownSize
            let visible = clip.map { MillimetreBox(x: box.x + $0.x, y: box.y + $0.y, width: $0.width, height: $0.height) } ?? box
            guard MillimetreBox(x: 0, y: 0, width: shown.width, height: shown.height).contains(visible, tolerance: 0.01) else {
                throw PDFStampError.outsidePage(page: page, box: visible, pageWidth: shown.width, pageHeight: shown.height)
            }
            // The whole image in the slice's appearance box (upright, user units, y up), the box clipping the rest.
            let units = geometry.unitsPerMillimetre
            let frame = clip.map { [-$0.x * units, -(height - $0.y - $0.height) * units, width * units, height * units] }
            widgets.append(PDFSignatureRevision.Widget(
                page: page, rect: geometry.rect(for: visible), appearanceMatrix: geometry.appearanceMatrix, imageFrame: frame))
            appearances.append(StampAppearance(id: fieldName, page: page, pageID: "\(page)", boundary: box, clip: clip))
        }
        let time = Date(timeIntervalSince1970: signingTime.timeIntervalSince1970.rounded(.down))
        // The SES_Signature carries the seal, the holder certificate, the field name and its own signature.
        let sesBytes = seal.derEncoded.count + certificate.derEncoded.count + fieldName.utf8.count + 256
        let capacity = try PDFSignedData.reservation(certificate: certificate, chain: chain, sesBytes: sesBytes, subFilter: subFilter)
        let revision = try PDFSignatureRevision.prepare(
            file, name: name, fieldName: fieldName, widgets: widgets, image: image, subFilter: subFilter.rawValue, signingTime: time,
            reason: nil, contentsCapacity: capacity, limits: limits)
        return PDFStamp(
            revision: revision, dataHash: try revision.digest(.sm3), signingTime: time, appearances: appearances, placement: placement,
            subFilter: subFilter, contentTypes: contentTypes, limits: limits)
    }

    /// The stamped file: the CMS signed by `signer` (the holder key, whose certificate is `certificate`) over the byte
    /// range, carrying `signature` (made over ``dataHash`` for ``fieldName``), written into /Contents and read back.
    /// - Throws: ``PDFStampError/signedValueMismatch(field:expected:found:)`` for a signature made for another stamp,
    ///   ``PDFStampError/selfCheckFailed(_:)`` when the file written does not read back as this signature.
    public func signed(
        _ signature: ElectronicSignature, signer: some MessageSigner, certificate: Certificate, chain: [Certificate]
    ) throws -> [UInt8] {
        guard signature.dataHash == dataHash else {
            throw PDFStampError.signedValueMismatch(field: "dataHash", expected: Hex.encode(dataHash), found: Hex.encode(signature.dataHash))
        }
        guard signature.propertyInfo == fieldName else {
            throw PDFStampError.signedValueMismatch(field: "propertyInfo", expected: fieldName, found: signature.propertyInfo)
        }
        guard signature.signerCertificate == certificate.derEncoded else {
            throw PDFStampError.signedValueMismatch(field: "signer certificate", expected: "\(certificate.subject)", found: "another certificate")
        }
        // The SM3 of the byte range is the SES_Signature's dataHash already; a P-256 CMS needs its SHA-256.
        let digestAlgorithm = signer.signatureAlgorithm.digest
        let cms = try PDFSignedData.sign(
            messageDigest: digestAlgorithm == .sm3 ? dataHash : try revision.digest(digestAlgorithm), signer: signer, certificate: certificate,
            chain: chain, signingTime: signingTime, sesSignature: signature.derEncoded, subFilter: subFilter, contentTypes: contentTypes)
        let stamped = try revision.filled(with: cms)
        try selfCheck(stamped, cms: cms)
        return stamped
    }

    /// Reads `stamped` back: the new field is there, its byte range is the whole file but the gap, and its /Contents
    /// is `cms`.
    private func selfCheck(_ stamped: [UInt8], cms: [UInt8]) throws {
        let file: PDFFile
        do {
            file = try PDFFile(stamped, name: fieldName, limits: limits)
        } catch {
            throw PDFStampError.selfCheckFailed("\(error)")
        }
        guard file.warnings.isEmpty else { throw PDFStampError.selfCheckFailed("libqpdf: \(file.warnings[0])") }
        guard let field = file.signatureFields.first(where: { $0.name == fieldName }) else {
            throw PDFStampError.selfCheckFailed("the field \(fieldName) is not found")
        }
        let expected = [0, revision.gapStart, revision.gapEnd, stamped.count - revision.gapEnd].map(Int64.init)
        guard field.byteRange == expected else { throw PDFStampError.selfCheckFailed("the byte range is \(field.byteRange), not \(expected)") }
        guard field.contents.starts(with: cms), field.contents.dropFirst(cms.count).allSatisfy({ $0 == 0 }) else {
            throw PDFStampError.selfCheckFailed("/Contents is not the signature written")
        }
    }

    /// A riding seal (骑缝章) across `edge` of every page, cut by ``RidingSlice`` as an OFD stamp cuts it.
    static func riding(_ edge: PageEdge, pages: [PDFPageGeometry], width: Double, height: Double) throws -> [(page: Int, box: MillimetreBox, clip: MillimetreBox?)] {
        try pages.enumerated().map { index, geometry in
            let shown = geometry.shownSize
            guard width <= shown.width, height <= shown.height else {
                throw PDFStampError.sealLargerThanPage(page: index + 1, width: width, height: height, pageWidth: shown.width, pageHeight: shown.height)
            }
            let slice = RidingSlice(
                edge: edge, index: index, count: pages.count, page: MillimetreBox(x: 0, y: 0, width: shown.width, height: shown.height),
                width: width, height: height)
            return (index + 1, slice.boundary, slice.clip)
        }
    }

    /// `Seal1`, `Seal2`…: the first name no signed field has.
    static func fieldName(avoiding names: Set<String>) -> String {
        var index = 1
        while names.contains("Seal\(index)") { index += 1 }
        return "Seal\(index)"
    }
}
