import Foundation
import SealCrypto
import SealDocument
import SealPDF
import SealPKI
import SealSES
import SealTestSupport
import Testing

/// An SM2 signature written into a PDF as one incremental revision, checked by tools we did not write: qpdf's
/// structure check, the original as a byte prefix (`cmp`), asn1crypto parsing the CMS, `openssl dgst -sm3` of the
/// byte range against messageDigest, and our verifier.
@Suite("PDF signature revisions")
struct PDFSignatureRevisionTests {
    static let time = StationFixture.now

    private func sign(_ original: [UInt8], field: String, fixture: StationFixture, key: PrivateKey, certificate: Certificate) throws -> [UInt8] {
        let reserve = try PDFSignedData.reservation(certificate: certificate, chain: [fixture.ca.certificate], sesBytes: 0)
        let revision = try PDFSignatureRevision.prepare(
            original, name: "in.pdf", fieldName: field, page: 1, rect: [0, 0, 0, 0], image: nil, subFilter: "adbe.pkcs7.detached",
            signingTime: Self.time, reason: "测试", contentsCapacity: reserve)
        let cms = try PDFSignedData.sign(
            revision.signedBytes, signer: key, certificate: certificate, chain: [fixture.ca.certificate], signingTime: Self.time,
            sesSignature: nil)
        #expect(cms.count <= reserve)
        return try revision.filled(with: cms)
    }

    @Test("SM2 on a classic-xref PDF and on an xref-stream PDF: qpdf --check, the original a prefix, SM3 of the range = messageDigest",
          arguments: [false, true])
    func sm2(objectStreams: Bool) throws {
        let files = try PDFTestFiles()
        let input = try files.document(objectStreams: objectStreams)
        let original = try files.directory.read((input as NSString).lastPathComponent)
        let fixture = try StationFixture()
        let (key, certificate) = try fixture.issue(.holder, "/C=CN/O=某单位/CN=合同专用章持有人")
        let signed = try sign(original, field: "签章1", fixture: fixture, key: key, certificate: certificate)
        #expect(signed.starts(with: original))
        let path = try files.directory.write("signed.pdf", signed)
        let check = try ExternalTool.run("qpdf", ["--check", path])
        #expect(check.succeeded, "\(check.stdout)\(check.stderr)")

        let report = try PDFVerifier(trust: .anchors([fixture.ca.certificate]), at: Self.time).verify(signed, name: "signed.pdf")
        let signature = try #require(report.signatures.first)
        #expect(signature.id == "签章1")
        for id in ["sub-filter", "byte-range", "cms", "signer-certificate", "message-digest", "cms-signature", "signer-chain"] {
            #expect(signature.checks.first { $0.id == id }?.status == .passed, "\(id): \(signature.checks.first { $0.id == id }?.detail ?? "missing")")
        }
        // Outside: asn1crypto reads the CMS; openssl's SM3 of the byte range is the signed messageDigest.
        let script = """
            import sys, re, subprocess
            from asn1crypto import cms
            data = open(sys.argv[1], 'rb').read()
            m = re.search(rb'/ByteRange \\[0 (\\d+) (\\d+) (\\d+)\\s*\\]', data)
            b, c, d = (int(x) for x in m.groups())
            contents = bytes.fromhex(data[b + 1:c - 1].decode())
            # strict DER: parse exactly the length the header declares (the rest is the zero padding)
            length = contents[1]
            if length & 0x80:
                n = length & 0x7f
                length = int.from_bytes(contents[2:2 + n], 'big') + 2 + n
            else:
                length += 2
            info = cms.ContentInfo.load(contents[:length])
            signer = info['content']['signer_infos'][0]
            digest = [a['values'][0].native for a in signer['signed_attrs'] if a['type'].native == 'message_digest'][0]
            ranged = data[:b] + data[c:c + d]
            out = subprocess.run(['openssl', 'dgst', '-sm3', '-binary'], input=ranged, capture_output=True).stdout
            print(info['content_type'].native, signer['digest_algorithm']['algorithm'].dotted, out == digest)
            """
        let result = try PythonTools.run(script: script, [path])
        #expect(result.succeeded, "\(result.stderr)")
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "signed_data 1.2.156.10197.1.401 True", "\(result.stdout)")
    }

    @Test("a second signature appended keeps the first revision a prefix and both CMS valid")
    func twoSignatures() throws {
        let files = try PDFTestFiles()
        let input = try files.document()
        let original = try files.directory.read((input as NSString).lastPathComponent)
        let fixture = try StationFixture()
        let (key, certificate) = try fixture.issue(.holder, "/C=CN/O=某单位/CN=持有人")
        let once = try sign(original, field: "Seal1", fixture: fixture, key: key, certificate: certificate)
        let twice = try sign(once, field: "Seal2", fixture: fixture, key: key, certificate: certificate)
        #expect(twice.starts(with: once))
        #expect(try ExternalTool.run("qpdf", ["--check", try files.directory.write("twice.pdf", twice)]).succeeded)
        let report = try PDFVerifier(trust: .anchors([fixture.ca.certificate]), at: Self.time).verify(twice, name: "twice.pdf")
        #expect(report.signatures.map(\.id) == ["Seal1", "Seal2"])
        for signature in report.signatures {
            #expect(signature.checks.first { $0.id == "cms-signature" }?.status == .passed)
            #expect(signature.checks.first { $0.id == "message-digest" }?.status == .passed)
        }
        #expect(throws: PDFStampError.fieldExists("Seal1")) {
            try PDFSignatureRevision.prepare(
                twice, name: "twice.pdf", fieldName: "Seal1", page: 1, rect: [0, 0, 0, 0], image: nil, subFilter: "adbe.pkcs7.detached",
                signingTime: Self.time, reason: nil, contentsCapacity: 100)
        }
    }

    @Test("a visible signature: the image with its alpha mask is drawn at the widget's Rect (pdftoppm), qpdf --check passes")
    func visible() throws {
        let files = try PDFTestFiles()
        let input = try files.document()
        let original = try files.directory.read((input as NSString).lastPathComponent)
        // A 40 × 40 px red disc on transparency, its RGB and alpha planes deflated by Python's zlib.
        let planes = try PythonTools.run(script: """
            import sys, zlib
            n = 40
            rgb = bytearray(); alpha = bytearray()
            for y in range(n):
                for x in range(n):
                    inside = (x - n / 2 + 0.5) ** 2 + (y - n / 2 + 0.5) ** 2 <= (n / 2) ** 2
                    rgb += bytes([220, 0, 0]); alpha.append(255 if inside else 0)
            sys.stdout.write(zlib.compress(bytes(rgb)).hex() + " " + zlib.compress(bytes(alpha)).hex())
            """, [])
        #expect(planes.succeeded, "\(planes.stderr)")
        let parts = planes.stdout.split(separator: " ").map { Self.bytes(hex: String($0)) }
        let image = PDFSignatureRevision.Image(width: 40, height: 40, rgbFlate: parts[0], alphaFlate: parts[1])
        let fixture = try StationFixture()
        let (key, certificate) = try fixture.issue(.holder, "/C=CN/O=某单位/CN=持有人")
        // 40 mm = 113.3858 pt, its lower-left corner at (200 pt, 300 pt) of the A4 page.
        let side = 40 * 72 / 25.4
        let revision = try PDFSignatureRevision.prepare(
            original, name: "in.pdf", fieldName: "Seal1", page: 1, rect: [200, 300, 200 + side, 300 + side], image: image,
            subFilter: "adbe.pkcs7.detached", signingTime: Self.time, reason: nil,
            contentsCapacity: try PDFSignedData.reservation(certificate: certificate, chain: [], sesBytes: 0))
        let cms = try PDFSignedData.sign(
            revision.signedBytes, signer: key, certificate: certificate, chain: [], signingTime: Self.time, sesSignature: nil)
        let path = try files.directory.write("visible.pdf", try revision.filled(with: cms))
        #expect(try ExternalTool.run("qpdf", ["--check", path]).succeeded)
        // Rendered at 254 dpi (10 px a mm): the disc spans 40 mm across its middle row.
        let prefix = files.directory.path("page")
        let render = try ExternalTool.run("pdftoppm", ["-r", "254", "-png", "-singlefile", path, prefix])
        #expect(render.succeeded, "\(render.stderr)")
        let measure = try PythonTools.run(script: """
            import sys
            from PIL import Image
            im = Image.open(sys.argv[1]).convert('RGB')
            w, h = im.size
            # The disc's centre: x = 200 pt + 20 mm, y from the top = 842 - 300 pt - 20 mm.
            cy = round((842 - 300) / 72 * 254 - 200)
            row = [x for x in range(w) if (lambda p: p[0] > 150 and p[1] < 100 and p[2] < 100)(im.getpixel((x, cy)))]
            print((max(row) - min(row) + 1) / 10 if row else 0)
            """, [prefix + ".png"])
        #expect(measure.succeeded, "\(measure.stderr)")
        let diameter = Double(measure.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(abs(diameter - 40) < 0.5, "measured \(diameter) mm")
    }

    static func bytes(hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return bytes
    }

    @Test("a P-256 signature written by us: pyHanko VALID, pdfsig Signature is Valid, mutool unchanged, our verifier passes its CMS")
    func p256ValidatesInPyHanko() throws {
        let files = try PDFTestFiles()
        try files.p256Signer()
        let input = try files.document()
        let original = try files.directory.read((input as NSString).lastPathComponent)
        let der = try ExternalTool.run("openssl", ["pkcs8", "-topk8", "-nocrypt", "-outform", "DER", "-in", files.directory.path("leaf.key")])
        #expect(der.succeeded, "\(der.stderr)")
        var keyBytes = Array(der.standardOutput)
        let key = try PrivateKey(unencryptedPKCS8: SecretBytes(consuming: &keyBytes))
        let certificate = try Certificate(derOrPEM: try files.directory.read("leaf.pem"))
        let ca = try Certificate(derOrPEM: try files.directory.read("ca.pem"))
        let revision = try PDFSignatureRevision.prepare(
            original, name: "in.pdf", fieldName: "Seal1", page: 1, rect: [0, 0, 0, 0], image: nil, subFilter: "adbe.pkcs7.detached",
            signingTime: Date(), reason: nil, contentsCapacity: try PDFSignedData.reservation(certificate: certificate, chain: [ca], sesBytes: 0))
        let cms = try PDFSignedData.sign(revision.signedBytes, signer: key, certificate: certificate, chain: [ca], signingTime: Date(), sesSignature: nil)
        let path = try files.directory.write("p256.pdf", try revision.filled(with: cms))
        let validate = try ExternalTool.run(files.pyhanko, [
            "sign", "validate", "--executive-summary", "--trust", files.directory.path("ca.pem"), "--trust-replace", "--no-revocation-check", path,
        ])
        #expect(validate.succeeded && validate.stdout.contains(":VALID"), "\(validate.stdout)\(validate.stderr)")
        // poppler's pdfsig with an NSS database trusting the CA (its exit code says nothing: its output is read), and
        // MuPDF's mutool.
        let nss = files.directory.path("nssdb")
        try FileManager.default.createDirectory(atPath: nss, withIntermediateDirectories: true)
        #expect(try ExternalTool.run("certutil", ["-N", "-d", "sql:" + nss, "--empty-password"]).succeeded)
        #expect(try ExternalTool.run("certutil", ["-A", "-d", "sql:" + nss, "-n", "root", "-t", "CT,C,C", "-i", files.directory.path("ca.pem")]).succeeded)
        let pdfsig = try ExternalTool.run("pdfsig", ["-nssdir", "sql:" + nss, path])
        #expect(pdfsig.stdout.contains("Signature is Valid.") && pdfsig.stdout.contains("Total document signed"), "\(pdfsig.stdout)")
        let mutool = try ExternalTool.run("mutool", ["sign", "-v", path])
        #expect((mutool.stdout + mutool.stderr).contains("unchanged since signing"), "\(mutool.stdout)\(mutool.stderr)")
        let report = try PDFVerifier(trust: .anchors([ca])).verify(contentsOf: URL(fileURLWithPath: path))
        #expect(report.signatures.first?.checks.filter { $0.status == .failed }.map(\.id) == ["ses-signature"])
    }
}
