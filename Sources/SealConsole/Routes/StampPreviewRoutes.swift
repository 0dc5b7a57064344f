import Foundation
import Hummingbird
import SealDocument
import SealOFD
import SealPDF
import SealPDFText
import SealPKI
import SealRegistry
import SealSES
import SealStation

/// 签章 preview: the 签章 form's document and placement laid out as the stamp would lay them out (`OFDStamp.prepare`
/// or `PDFStamp.prepare`, the same computation), and shown page by page; nothing is signed, no use is consumed, nothing is recorded.
extension ConsoleApplication {
    func addStampPreviewRoutes(to router: Router<BasicRequestContext>) {
        router.post("/uses/:id/preview") { request, context in try await stampPreview(request, context) }
    }

    /// Pages a preview draws at most (a riding seal over a long document shows its first pages).
    static let previewPageLimit = 12
    /// Text codes drawn per page at most.
    static let previewTextLimit = 2_000

    private func stampPreview(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let (signedIn, form) = try await posted(request, roles: [.operatorRole])
        let id = try Self.id(context, what: "这个用印申请")
        guard let document = form.files["document"] else { throw ConsoleRefusal.fileRequired(label: "OFD 或 PDF 文件") }
        let isPDF = document.filename.lowercased().hasSuffix(".pdf")
        guard document.filename.lowercased().hasSuffix(".ofd") || isPDF else {
            throw ConsoleRefusal.invalidField(label: "文件", reason: "只有 OFD、PDF 文件有盖章位置可预览；其他文件的签章是分离的 .ses")
        }
        let placement = try StampPlacementForm.placement(form)
        let station = station, now = now()
        if isPDF {
            let page = try await work.run { try Self.pdfPreview(station, useID: id, document: document, placement: placement, now: now) }
            return self.page("stamp-preview", "签章预览", signedIn, path: "/uses", page)
        }
        let page = try await work.run { () throws -> StampPreviewPage in
            let record = try station.useRequest(id)
            let seal = try station.seal(record.sealID)
            let limits = OFDPackageLimits()
            let file = try OFDFile(try OFDPackage(data: Data(document.bytes), name: document.filename, limits: limits), limits: limits)
            let stamp = try OFDStamp.prepare(
                file, seal: try ElectronicSeal(derEncoded: Array(seal.sealDER)), placement: placement, signingTime: now, limits: limits)
            let body = file.bodies[0]
            let defaultArea = try OFDPageArea.documentDefault(file.package, document: body.document.path, limits: limits)
            let shown = Array(stamp.appearances.prefix(Self.previewPageLimit))
            let sheets = try Dictionary(grouping: shown, by: \.page).keys.sorted().map { number -> StampPreviewPage.Sheet in
                let ofdPage = body.document.pages[number - 1]
                let area = try OFDPageArea.ofPage(file.package, page: ofdPage, document: body.document.path, limits: limits)
                let box = (area ?? defaultArea ?? .a4).physicalBox
                let content = try OFDPageContent(file.package, page: ofdPage, document: body.document.path, limits: limits)
                var texts: [StampPreviewPage.Sheet.Text] = []
                for object in content.textObjects {
                    for code in object.codes where texts.count < Self.previewTextLimit {
                        texts.append(.init(
                            x: Self.mm(object.boundary.x + (code.x ?? 0) - box.x), y: Self.mm(object.boundary.y + (code.y ?? 0) - box.y),
                            size: Self.mm(object.size), text: code.text))
                    }
                }
                let seals = shown.filter { $0.page == number }.map { appearance -> StampPreviewPage.Sheet.Seal in
                    let b = appearance.boundary, clip = appearance.clip ?? MillimetreBox(x: 0, y: 0, width: b.width, height: b.height)
                    return .init(
                        clipID: "clip-\(appearance.id)", x: Self.mm(b.x - box.x), y: Self.mm(b.y - box.y), width: Self.mm(b.width),
                        height: Self.mm(b.height), clipX: Self.mm(b.x - box.x + clip.x), clipY: Self.mm(b.y - box.y + clip.y),
                        clipWidth: Self.mm(clip.width), clipHeight: Self.mm(clip.height))
                }
                return .init(number: number, width: Self.mm(box.width), height: Self.mm(box.height), texts: texts, seals: seals)
            }
            return StampPreviewPage(
                useID: String(id), document: document.filename, placement: stamp.placementDescription,
                sealImage: "/seals/\(record.sealID)/image.svg", sheets: sheets)
        }
        return self.page("stamp-preview", "签章预览", signedIn, path: "/uses", page)
    }

    /// The preview of a PDF stamp: `PDFStamping` prepares it as 签章 would (placing the seal) (nothing is signed), and each page it appears
    /// on is drawn with its characters where poppler's text layout puts them.
    static func pdfPreview(
        _ station: Station, useID id: Int64, document: Upload, placement: StampPlacement, now: Date
    ) throws -> StampPreviewPage {
        let record = try station.useRequest(id)
        let seal = try station.seal(record.sealID)
        let limits = PDFLimits()
        let file = try PDFFile(document.bytes, name: document.filename, limits: limits)
        let stamp = try PDFStamping(
            file, name: document.filename, seal: seal, placement: placement, stationCA: station.ca.certificate, signingTime: now, limits: limits
        ).stamp
        let search = try PDFTextSearch(file)
        let shown = Array(stamp.appearances.prefix(previewPageLimit))
        let sheets = Dictionary(grouping: shown, by: { $0.page ?? 0 }).keys.sorted().map { number -> StampPreviewPage.Sheet in
            let size = file.pages[number - 1].shownSize
            let texts = search.characters(onPage: number, limit: previewTextLimit).map { character, box in
                StampPreviewPage.Sheet.Text(x: mm(box.x), y: mm(box.y + box.height * 0.85), size: mm(box.height), text: String(character))
            }
            let seals = shown.filter { $0.page == number }.map { appearance -> StampPreviewPage.Sheet.Seal in
                let b = appearance.boundary, clip = appearance.clip ?? MillimetreBox(x: 0, y: 0, width: b.width, height: b.height)
                return .init(
                    clipID: "clip-\(number)", x: mm(b.x), y: mm(b.y), width: mm(b.width), height: mm(b.height), clipX: mm(b.x + clip.x),
                    clipY: mm(b.y + clip.y), clipWidth: mm(clip.width), clipHeight: mm(clip.height))
            }
            return .init(number: number, width: mm(size.width), height: mm(size.height), texts: texts, seals: seals)
        }
        return StampPreviewPage(
            useID: String(id), document: document.filename, placement: stamp.placementDescription,
            sealImage: "/seals/\(record.sealID)/image.svg", sheets: sheets)
    }

    static func mm(_ value: Double) -> String { MillimetreBox.format(value) }
}
