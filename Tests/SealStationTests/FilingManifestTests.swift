import Foundation
import SealBundle
import SealCrypto
import SealOptical
import SealPKI
import SealRender
import SealStation
import SealTestSupport
import Testing
import SealResources
import SealRegistry
import SealSES

@Suite("QR manifests and filing sheets")
struct FilingManifestTests {
    /// A station with two seals and one exported bundle.
    func exported() throws -> (OfficeFixture, BundleExport) {
        let office = try OfficeFixture()
        _ = try office.issuedSeal()
        let application = try office.station.apply(by: office.clerk, SealApplication(
            unitName: "北京某某科技发展有限公司", creditCode: "91110108MA00000070", template: "square-20", holderName: "张小明印",
            holderIDNumber: "11010519491231002X", reason: "法定代表人名章"), now: OfficeFixture.now)
        _ = try office.station.approve(by: office.approver, applicationID: application.id!, note: nil, now: OfficeFixture.now)
        _ = try office.station.issue(
            by: office.clerk, applicationID: application.id!, stationPassphrase: OfficeFixture.secret("station passphrase"),
            holderPassphrase: OfficeFixture.secret("holder passphrase"), keyEncryption: OfficeFixture.encryption, now: OfficeFixture.now)
        let export = try office.station.exportBundle(
            by: office.clerk, to: office.directory.url.appendingPathComponent("courier"),
            stationPassphrase: OfficeFixture.secret("station passphrase"), now: OfficeFixture.now)
        return (office, export)
    }

    @Test("zbarimg decodes the manifest PNG (and rsvg-convert's rendering of the SVG) to exactly the manifest bytes; it fits QR level M with room")
    func decodes() throws {
        let (office, export) = try exported()
        let manifest = try Array(Data(contentsOf: URL(fileURLWithPath: export.manifestPath)))
        #expect(manifest.count < 600 && export.manifestBytes == manifest.count)
        #expect(export.qrVersion <= 12, "version \(export.qrVersion): level M at version 12 holds 367 bytes")
        let decoded = try ExternalTool.run("zbarimg", ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", "-Sbinary", export.qrPNGPath])
        #expect(decoded.succeeded, "\(decoded.stderr)")
        #expect(Array(decoded.standardOutput) == manifest)
        #expect(try QRCodeReader.decode(png: Array(Data(contentsOf: URL(fileURLWithPath: export.qrPNGPath)))) == [manifest])
        // The PNG says 600 dpi; the SVG is in millimetres and decodes after rasterising.
        let png = try Array(Data(contentsOf: URL(fileURLWithPath: export.qrPNGPath)))
        #expect(Array(png[37..<41]) == Array("pHYs".utf8) && png[41..<45].reduce(0) { $0 << 8 | Int($1) } == 23622)
        let svg = String(decoding: try Data(contentsOf: URL(fileURLWithPath: export.qrSVGPath)), as: UTF8.self)
        #expect(svg.contains("mm\" height="))
        let raster = office.directory.path("qr-svg.png")
        #expect(try ExternalTool.run("rsvg-convert", ["-d", "300", "-p", "300", export.qrSVGPath, "-o", raster]).succeeded)
        let fromSVG = try ExternalTool.run("zbarimg", ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", "-Sbinary", raster])
        #expect(Array(fromSVG.standardOutput) == manifest)

        let parsed = try FilingManifest(derEncoded: manifest)
        try parsed.verify(stationCA: office.station.ca.certificate)
        let outcome = BundleVerifier(anchor: office.station.ca.certificate).verify(URL(fileURLWithPath: export.path))
        #expect(parsed.differences(from: outcome.report).isEmpty)
        #expect(Hex.encode(parsed.info.bundleSM3) == export.sm3 && parsed.info.sealCount == 2 && parsed.info.sequence == 1)
    }

    @Test("SealBundle reads a manifest from its DER, hex or Base64 text without image code, as SealOptical does from the QR image; other bytes are not a manifest")
    func textForms() throws {
        let (office, export) = try exported()
        let der = try Array(Data(contentsOf: URL(fileURLWithPath: export.manifestPath)))
        let fromImage = try FilingManifestInput.read(path: export.qrPNGPath)
        try fromImage.verify(stationCA: office.station.ca.certificate)
        let hex = Array((Hex.encode(der).uppercased() + "\n").utf8)
        let base64 = Array(("  " + Data(der).base64EncodedString() + "\r\n").utf8)
        for bytes in [der, hex, base64] {
            #expect(try FilingManifest(derOrText: bytes) == fromImage)
            #expect(try FilingManifestInput.read(bytes: bytes, source: "scan") == fromImage)
        }
        #expect(try FilingManifest(derOrText: Array("not a manifest".utf8)) == nil)
        #expect(throws: FilingManifestError.malformed("scan is not a PNG, DER, hex or Base64 manifest")) {
            try FilingManifestInput.read(bytes: Array("not a manifest".utf8), source: "scan")
        }
        #expect(throws: FilingManifestError.self) { try FilingManifest(derOrText: Array(der.dropLast())) }
    }

    @Test("every changed manifest byte fails; a manifest signed by an unknown key fails; one of another bundle does not match")
    func refusals() throws {
        let (office, export) = try exported()
        let manifest = try Array(Data(contentsOf: URL(fileURLWithPath: export.manifestPath)))
        for position in manifest.indices {
            for change: UInt8 in [0x01, 0x80] {
                var bytes = manifest
                bytes[position] ^= change
                let verified = (try? FilingManifest(derEncoded: bytes).verify(stationCA: office.station.ca.certificate)) != nil
                #expect(!verified, "byte \(position) ^ \(change) still verifies")
            }
        }
        // Signed by another key, naming this station: refused as an unknown signer.
        let parsed = try FilingManifest(derEncoded: manifest)
        let other = try StationFixture()
        let forged = try FilingManifest(info: parsed.info, signer: other.caKey)
        #expect(throws: FilingManifestError.self) { try forged.verify(stationCA: office.station.ca.certificate) }
        #expect(throws: FilingManifestError.self) { try parsed.verify(stationCA: other.ca.certificate) }

        // A later bundle's report against this manifest: every difference is named.
        _ = try office.station.revoke(by: office.approver, sealID: 1, reason: "注销", now: OfficeFixture.now)
        let second = try office.station.exportBundle(
            by: office.clerk, to: office.directory.url.appendingPathComponent("courier"),
            stationPassphrase: OfficeFixture.secret("station passphrase"), now: OfficeFixture.now)
        var report = BundleVerifier(anchor: office.station.ca.certificate).verify(URL(fileURLWithPath: second.path)).report
        report.checkManifest(parsed, stationCA: office.station.ca.certificate)
        let check = try #require(report.checks.last)
        #expect(check.id == "qr-manifest" && check.status == .failed && check.detail.contains("sequence: manifest 1, bundle 2"), "\(check)")
    }

    @Test("the filing sheet is A4 with embedded fonts only, renders with pdftoppm, and its QR decodes to the manifest")
    func sheet() throws {
        let (office, export) = try exported()
        let fonts = try ExternalTool.run("pdffonts", [export.sheetPath])
        #expect(fonts.succeeded, "\(fonts.stderr)")
        let fontLines = fonts.stdout.split(separator: "\n").dropFirst(2)
        #expect(!fontLines.isEmpty && fontLines.allSatisfy { $0.contains(" yes yes ") }, "\(fonts.stdout)")
        let info = try ExternalTool.run("pdfinfo", [export.sheetPath])
        #expect(info.stdout.contains("595.276 x 841.89 pts (A4)"), "\(info.stdout)")
        let prefix = office.directory.path("sheet")
        #expect(try ExternalTool.run("pdftoppm", ["-r", "200", "-png", "-f", "1", "-l", "1", export.sheetPath, prefix]).succeeded)
        let page = try #require(try FileManager.default.contentsOfDirectory(atPath: office.directory.path("")).first { $0.hasPrefix("sheet") && $0.hasSuffix(".png") })
        let decoded = try ExternalTool.run("zbarimg", ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", "-Sbinary", office.directory.path(page)])
        #expect(Array(decoded.standardOutput) == Array(try Data(contentsOf: URL(fileURLWithPath: export.manifestPath))))
        let text = try ExternalTool.run("pdftotext", ["-layout", export.sheetPath, "-"])
        #expect(text.stdout.contains("电子印章备案交接单") && text.stdout.contains("11010800000001") && text.stdout.contains("接收人（备案机关）签字"), "\(text.stdout)")
        // The digests and the station id are printed whole, not shortened to fit.
        #expect(text.stdout.contains(export.sm3) && text.stdout.contains(office.station.stationID), "\(text.stdout)")
    }

    @Test("a long bundle's sheet lists every seal and says how many images are only in the bundle")
    func omittedImages() throws {
        let renderer = try SealRenderer()
        let library = try TemplateLibrary(directory: DataResolver.current.templates())
        let template = try library.template("square-20")
        let layout = try renderer.layout(template, content: SealContent(template.sample))
        let rows = (1...40).map { FilingSheet.Row(esID: String(format: "1101080000%04d", $0), unit: "单位\($0)", creditCode: "91110108MA00000070",
                                                   kind: "个人章", state: "有效", validity: "2026-09-21–2028-09-20") }
        let sheet = FilingSheet(title: "电子印章备案交接单", facts: [("制作站", "测试站")], rows: rows,
                                images: [FilingSheet.Image(caption: "11010800000001", layout: layout)], imagesOmitted: 39,
                                qr: try QRCodeImage(Array(repeating: 0x30, count: 240)), qrModuleMM: 0.508, signatureLines: ["接收人签字"])
        let directory = try TemporaryDirectory()
        let path = try directory.write("sheet.pdf", try renderer.filingSheetPDF(sheet))
        let text = try ExternalTool.run("pdftotext", ["-layout", path, "-"])
        #expect(text.stdout.contains("另有 39 枚印章的印模未印在本单上") && text.stdout.contains("11010800000040"), "\(text.stdout)")
        let info = try ExternalTool.run("pdfinfo", [path])
        #expect(info.stdout.contains("Pages:           2"), "\(info.stdout)")
    }
}
