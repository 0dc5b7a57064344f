import Foundation
import SealTestSupport
import Testing

/// `use sign DOC.pdf --page N --at X,Y` (签章 on a PDF through the use gate) and `verify DOC.pdf`: what is written,
/// what outside tools (qpdf, cmp, asn1crypto, openssl, pyHanko's difference analysis, pdftoppm) find in it, and what
/// is refused.
@Suite("sealstation use sign and verify on PDF documents")
struct PDFStampCommandTests {
    func stamp(_ station: CLIStationWithSeal, _ document: String, out: String, _ placement: [String]) throws -> ExternalTool.Result {
        try station.call(["use", "sign", "--seal", "1", document, "--out", out, "--holder-passphrase-file",
                          station.directory.path("holder.pass"), "--json"] + placement + station.clerk)
    }

    func verify(_ station: CLIStationWithSeal, _ path: String) throws -> ExternalTool.Result {
        try SealStationCLI.run(["verify", path, "--ca", station.directory.path("station/ca"), "--json"])
    }

    /// The failed checks' ids and details of every signature in a `verify --json` report.
    func failures(_ result: ExternalTool.Result) throws -> [(id: String, detail: String)] {
        let signatures = try #require(try SealStationCLI.json(result)["signatures"] as? [[String: Any]])
        return signatures.flatMap { ($0["failures"] as? [[String: Any]] ?? []).map { ($0["id"] as? String ?? "", $0["detail"] as? String ?? "") } }
    }

    @Test("two SM2 seals in two revisions: both verify (exit 0); qpdf --check, the original a byte prefix, asn1crypto and openssl check the CMS; pyHanko: entire file for the last, form filling only after the first; the seal measures its true size")
    func twoSealsChecked() throws {
        let station = try CLIStationWithSeal(uses: 2)
        let original = station.directory.path("合同.pdf"), first = station.directory.path("合同-1.pdf"), second = station.directory.path("合同-2.pdf")
        try PDFDocuments.a4(original, pages: 2)
        let byPosition = try stamp(station, original, out: first, ["--page", "2", "--at", "150,240"])
        #expect(byPosition.status == 0, "\(byPosition.stderr)")
        #expect(try SealStationCLI.json(byPosition)["placement"] as? String == "page 2: 129 219 42 42 mm")
        let again = try stamp(station, first, out: second, ["--page", "1", "--at", "60,240"])
        #expect(again.status == 0, "\(again.stderr)")

        let verified = try verify(station, second)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        let report = try SealStationCLI.json(verified)
        #expect(report["isValid"] as? Bool == true && report["format"] as? String == "pdf")
        let signatures = try #require(report["signatures"] as? [[String: Any]])
        #expect(signatures.count == 2 && signatures.allSatisfy { ($0["seal"] as? [String: Any])?["esID"] as? String == station.esID })
        #expect(signatures.compactMap { ($0["appearances"] as? [[String: Any]])?.first?["page"] as? Int }.sorted() == [1, 2])

        // Outside tools: qpdf, cmp, and the CMS through asn1crypto and openssl.
        for path in [first, second] {
            let checked = try ExternalTool.run("qpdf", ["--check", path])
            #expect(checked.succeeded && checked.stdout.contains("No syntax or stream encoding errors"), "\(checked.stdout)\(checked.stderr)")
        }
        let originalSize = try #require(try FileManager.default.attributesOfItem(atPath: original)[.size] as? Int)
        #expect(try ExternalTool.run("cmp", ["-n", "\(originalSize)", original, second]).succeeded)
        let firstSize = try #require(try FileManager.default.attributesOfItem(atPath: first)[.size] as? Int)
        #expect(try ExternalTool.run("cmp", ["-n", "\(firstSize)", first, second]).succeeded)
        let script = """
            import sys, hashlib, re
            from asn1crypto import cms
            data = open(sys.argv[1], 'rb').read()
            out = sys.argv[2]
            for i, m in enumerate(re.finditer(rb'/ByteRange \\[(\\d+) (\\d+) (\\d+) (\\d+)\\s*\\]', data)):
                a, b, c, d = map(int, m.groups())
                # The whole /Contents: strict=False ignores the zero padding after the DER (stripping zeros would cut
                # a signature that ends in 00).
                info = cms.ContentInfo.load(bytes.fromhex(data[a + b + 1:c - 1].decode()), strict=False)
                signer = info['content']['signer_infos'][0]
                digest = [x['values'][0].native for x in signer['signed_attrs'] if x['type'].dotted == '1.2.840.113549.1.9.4'][0]
                open('%s/range%d' % (out, i), 'wb').write(data[a:a + b] + data[c:c + d])
                open('%s/attrs%d' % (out, i), 'wb').write(signer['signed_attrs'].untag().dump())
                open('%s/sig%d' % (out, i), 'wb').write(signer['signature'].native)
                print(i, digest.hex(), info['content']['digest_algorithms'][0]['algorithm'].dotted, signer['signature_algorithm']['algorithm'].dotted)
            """
        let parsed = try PythonTools.run(script: script, [second, station.directory.path("")])
        #expect(parsed.succeeded, "\(parsed.stderr)")
        let lines = parsed.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(lines.count == 2 && lines.allSatisfy { $0.count == 4 && $0[2] == "1.2.156.10197.1.401" && $0[3] == "1.2.156.10197.1.501" }, "\(parsed.stdout)")
        let publicKey = station.directory.path("holder-pub.pem")
        let certificate = try ExternalTool.run("openssl", [
            "x509", "-inform", "DER", "-in", station.directory.path("station/issued/\(station.esID)/holder-cert.der"), "-pubkey", "-noout", "-out", publicKey,
        ])
        #expect(certificate.succeeded, "\(certificate.stderr)")
        for line in lines where line.count == 4 {
            let digest = try ExternalTool.run("openssl", ["dgst", "-sm3", "-r", station.directory.path("range\(line[0])")])
            #expect(digest.stdout.hasPrefix(line[1]), "SM3 of the byte range \(digest.stdout) vs messageDigest \(line[1])")
            let signature = try ExternalTool.run("openssl", [
                "dgst", "-sm3", "-verify", publicKey, "-sigopt", "distid:1234567812345678", "-signature", station.directory.path("sig\(line[0])"),
                station.directory.path("attrs\(line[0])"),
            ])
            #expect(signature.stdout.contains("Verified OK"), "\(signature.stdout)\(signature.stderr)")
        }

        // pyHanko's difference analysis (its digest code knows no SM3, so the coverage and the changes are asked for).
        let analysis = try PythonTools.run(script: """
            import sys
            from pyhanko.pdf_utils.reader import PdfFileReader
            from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY
            for s in PdfFileReader(open(sys.argv[1], 'rb')).embedded_signatures:
                s.coverage = s.evaluate_signature_coverage()
                m = s.evaluate_modifications(DEFAULT_DIFF_POLICY)
                print(s.field_name, s.coverage.name, getattr(m, 'modification_level', m).name)
            """, [second])
        #expect(analysis.succeeded, "\(analysis.stderr)")
        #expect(analysis.stdout.contains("Seal1 ENTIRE_REVISION FORM_FILLING") && analysis.stdout.contains("Seal2 ENTIRE_FILE NONE"), "\(analysis.stdout)")

        // The seal drawn on page 2 measures what its picture does at 42 mm (pdftoppm at 10 px/mm).
        let rendered = try #require(try PDFDocuments.redExtent(second, page: 2, in: station.directory))
        let picturePNG = station.directory.path("station/issued/\(station.esID)/seal.png")
        let png = try [UInt8](Data(contentsOf: URL(fileURLWithPath: picturePNG)))
        let pictureWidth = Double(png[16..<20].reduce(0) { $0 << 8 | Int($1) })  // IHDR width
        let picture = try #require(try PDFDocuments.redExtent(png: picturePNG, pixelsPerMM: pictureWidth / 42))
        #expect(abs(rendered.width - picture.width) <= 0.2 && abs(rendered.height - picture.height) <= 0.2, "rendered \(rendered), picture \(picture)")
        #expect(abs(rendered.width - 42) <= 0.5, "rendered \(rendered)")
    }

    @Test("refused and named: a flipped byte, page content added by pyHanko's incremental writer, a removed signature, page content disguised as metadata (exit 2); a stamp without an approved use writes nothing; a point off the page, a keyword not in the text, a riding seal on one page")
    func refusals() throws {
        let station = try CLIStationWithSeal(uses: 3)
        let original = station.directory.path("in.pdf"), first = station.directory.path("s1.pdf"), second = station.directory.path("s2.pdf")
        try PDFDocuments.a4(original, objectStreams: true)
        #expect(try stamp(station, original, out: first, ["--page", "1", "--at", "150,240"]).status == 0)
        #expect(try stamp(station, first, out: second, ["--page", "1", "--at", "60,240"]).status == 0)

        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: second)))
        bytes[bytes.count / 3] ^= 0x01
        let flipped = station.directory.path("flipped.pdf")
        try Data(bytes).write(to: URL(fileURLWithPath: flipped))
        let flippedResult = try verify(station, flipped)
        #expect(flippedResult.status == 2)
        #expect(try failures(flippedResult).contains { $0.id == "message-digest" }, "\(flippedResult.stdout)")

        let edit = """
            import sys
            from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
            from pyhanko.pdf_utils import generic
            w = IncrementalPdfFileWriter(open(sys.argv[1], 'rb'))
            if sys.argv[3] == 'content':
                w.add_stream_to_page(0, w.add_object(generic.StreamObject(stream_data=b'BT /F1 24 Tf 100 100 Td (PAID) Tj ET')))
            else:
                form = w.root['/AcroForm']
                form['/Fields'] = generic.ArrayObject([f for f in form['/Fields'] if f.get_object()['/T'] != 'Seal1'])
                w.update_container(form)
                page = w.root['/Pages']['/Kids'][0].get_object()
                page['/Annots'] = generic.ArrayObject([a for a in page['/Annots'] if a.get_object().get('/T') != 'Seal1'])
                w.update_container(page)
            w.write(open(sys.argv[2], 'wb'))
            """
        let added = station.directory.path("added.pdf"), removed = station.directory.path("removed.pdf")
        let wroteAdded = try PythonTools.run(script: edit, [second, added, "content"])
        #expect(wroteAdded.succeeded, "\(wroteAdded.stderr)")
        let addedResult = try verify(station, added)
        #expect(addedResult.status == 2)
        let addedFailures = try failures(addedResult)
        #expect(addedFailures.count == 2 && addedFailures.allSatisfy { $0.id == "later-revisions" && $0.detail.contains("page object") && $0.detail.contains("/Contents") },
                "\(addedFailures)")
        let wroteRemoved = try PythonTools.run(script: edit, [second, removed, "remove"])
        #expect(wroteRemoved.succeeded, "\(wroteRemoved.stderr)")
        let removedResult = try verify(station, removed)
        #expect(removedResult.status == 2)
        #expect(try failures(removedResult).contains { $0.id == "later-revisions" && $0.detail.contains("Seal1") && $0.detail.contains("removed") },
                "\(removedResult.stdout)")

        // A page content stream dressed as the catalog's XMP metadata (which signing tools may update) and changed
        // after signing: still the page's content, so still refused.
        let disguised = station.directory.path("disguised.pdf"), disguisedStamped = station.directory.path("disguised-stamped.pdf")
        let disguisedChanged = station.directory.path("disguised-changed.pdf")
        let dressed = try PythonTools.run(script: """
            import sys, pymupdf
            d = pymupdf.open()
            p = d.new_page()
            p.insert_text((72, 72), "Pay 100")
            xref = p.get_contents()[0]
            d.xref_set_key(xref, "Type", "/Metadata")
            d.xref_set_key(xref, "Subtype", "/XML")
            d.xref_set_key(d.pdf_catalog(), "Metadata", "%d 0 R" % xref)
            d.save(sys.argv[1])
            """, [disguised])
        #expect(dressed.succeeded, "\(dressed.stderr)")
        #expect(try stamp(station, disguised, out: disguisedStamped, ["--page", "1", "--at", "100,100"]).status == 0)
        let rewritten = try PythonTools.run(script: """
            import sys
            from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
            from pyhanko.pdf_utils import generic
            w = IncrementalPdfFileWriter(open(sys.argv[1], 'rb'))
            ref = w.root.raw_get('/Metadata')
            name = generic.pdf_name
            w.mark_update(ref)
            w.objects[(ref.generation, ref.idnum)] = generic.StreamObject(
                {name('/Type'): name('/Metadata'), name('/Subtype'): name('/XML')}, stream_data=b'BT /F1 11 Tf 72 770 Td (Pay 900) Tj ET')
            w.write(open(sys.argv[2], 'wb'))
            """, [disguisedStamped, disguisedChanged])
        #expect(rewritten.succeeded, "\(rewritten.stderr)")
        let disguisedResult = try verify(station, disguisedChanged)
        #expect(disguisedResult.status == 2)
        #expect(try failures(disguisedResult).contains { $0.id == "later-revisions" && $0.detail.contains("changed after signing") }, "\(disguisedResult.stdout)")

        // No approved use left: nothing is written.
        let refused = try stamp(station, second, out: station.directory.path("s3.pdf"), ["--page", "1", "--at", "100,100"])
        #expect(refused.status == 1 && refused.stderr.contains("approved use"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: station.directory.path("s3.pdf")))
        #expect(try station.call(["use", "request", "--seal", "1", "--reason", "再盖", "--count", "3"] + station.clerk).status == 0)
        #expect(try station.call(["use", "approve", "2"] + station.approver).status == 0)
        let offPage = try stamp(station, second, out: station.directory.path("s4.pdf"), ["--page", "1", "--at", "205,20"])
        #expect(offPage.status == 1 && offPage.stderr.contains("leaves page 1"), "\(offPage.stderr)")
        let noPage = try stamp(station, second, out: station.directory.path("s4.pdf"), ["--page", "3", "--at", "100,100"])
        #expect(noPage.status == 1 && noPage.stderr.contains("page 3 does not exist"), "\(noPage.stderr)")
        let keyword = try stamp(station, second, out: station.directory.path("s4.pdf"), ["--keyword", "丙方"])
        #expect(keyword.status == 1 && keyword.stderr.contains("'丙方' does not occur"), "\(keyword.stderr)")
        let riding = try stamp(station, second, out: station.directory.path("s4.pdf"), ["--riding"])
        #expect(riding.status == 1 && riding.stderr.contains("needs at least 2 pages"), "\(riding.stderr)")
        #expect(!FileManager.default.fileExists(atPath: station.directory.path("s4.pdf")))
        let log = try station.call(["use", "log", "--json"] + station.clerk)
        let rows = try #require(try JSONSerialization.jsonObject(with: log.standardOutput) as? [[String: Any]])
        #expect(rows.count == 3, "\(rows)")
    }

    @Test("--cms gbt35275 writes GB/T 35275's content types; our verifier accepts them and names the deviation")
    func gbt35275ContentTypes() throws {
        let station = try CLIStationWithSeal(uses: 1)
        let original = station.directory.path("gm.pdf"), stamped = station.directory.path("gm-stamped.pdf")
        try PDFDocuments.a4(original)
        let result = try stamp(station, original, out: stamped, ["--page", "1", "--at", "100,100", "--cms", "gbt35275"])
        #expect(result.status == 0, "\(result.stderr)")
        let verified = try verify(station, stamped)
        #expect(verified.status == 0, "\(verified.stdout)")
        let deviations = try #require(try SealStationCLI.json(verified)["signatures"] as? [[String: Any]]).first?["deviations"] as? [String]
        #expect(deviations?.contains { $0.contains("GB/T 35275") } == true, "\(verified.stdout)")
        let parsed = try PythonTools.run(script: """
            import sys, re
            from asn1crypto import cms
            data = open(sys.argv[1], 'rb').read()
            a, b, c, d = map(int, re.search(rb'/ByteRange \\[(\\d+) (\\d+) (\\d+) (\\d+)', data).groups())
            # The whole /Contents, zero padding included (stripping zeros would cut a signature ending in 00):
            # strict=False reads the DER value and ignores the padding after it.
            print(cms.ContentInfo.load(bytes.fromhex(data[a + b + 1:c - 1].decode()), strict=False)['content_type'].dotted)
            """, [stamped])
        #expect(parsed.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1.2.156.10197.6.1.4.2.2", "\(parsed.stdout)\(parsed.stderr)")
        let detached = try stamp(station, station.directory.path("gm.pdf"), out: station.directory.path("gm.ses"), ["--cms", "gbt35275"])
        #expect(detached.status == 64 && detached.stderr.contains("--cms applies to a PDF that is stamped"), "\(detached.stderr)")
    }

    @Test("--riding across the right edges of 3 pages: one signature field with a widget on every page, each showing its third of the seal; verified, pyHanko sees the whole file signed")
    func riding() throws {
        let station = try CLIStationWithSeal(uses: 1)
        let original = station.directory.path("three.pdf"), stamped = station.directory.path("three-stamped.pdf")
        try PDFDocuments.a4(original, pages: 3)
        let result = try stamp(station, original, out: stamped, ["--riding"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try SealStationCLI.json(result)["placement"] as? String == "riding right, pages 1–3")
        let verified = try verify(station, stamped)
        #expect(verified.status == 0, "\(verified.stdout)")
        let signatures = try #require(try SealStationCLI.json(verified)["signatures"] as? [[String: Any]])
        let appearances = try #require(signatures.first?["appearances"] as? [[String: Any]])
        #expect(signatures.count == 1 && appearances.compactMap { $0["page"] as? Int } == [1, 2, 3], "\(signatures)")
        #expect(try ExternalTool.run("qpdf", ["--check", stamped]).succeeded)
        let coverage = try PythonTools.run(script: """
            import sys
            from pyhanko.pdf_utils.reader import PdfFileReader
            for s in PdfFileReader(open(sys.argv[1], 'rb')).embedded_signatures:
                print(s.field_name, s.evaluate_signature_coverage().name)
            """, [stamped])
        #expect(coverage.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "Seal1 ENTIRE_FILE", "\(coverage.stdout)\(coverage.stderr)")
        // Each page shows a third of the 42 mm seal (14 mm) at its right edge.
        for page in 1...3 {
            let ink = try #require(try PDFDocuments.redExtent(stamped, page: page, in: station.directory))
            #expect(ink.width >= 8 && ink.width <= 14.2, "page \(page): \(ink)")
            if page == 2 { #expect(abs(ink.height - 42) <= 0.5, "the middle slice holds the ring's top and bottom: \(ink)") }
        }
    }

    @Test("--keyword on a page shown upright and on one rotated by 90°: the seal is centred on the text poppler finds, at its true size")
    func keywordAndRotation() throws {
        let station = try CLIStationWithSeal(uses: 2)
        for rotate in [0, 90] {
            let original = station.directory.path("keyword-\(rotate).pdf"), stamped = station.directory.path("keyword-\(rotate)-stamped.pdf")
            let made = try PythonTools.run(script: """
                import sys, pymupdf
                d = pymupdf.open()
                p = d.new_page(width=595.28, height=841.89)
                p.set_rotation(int(sys.argv[2]))
                p.insert_text(pymupdf.Point(300, 400) * p.derotation_matrix, "SEAL HERE", fontsize=20, rotate=int(sys.argv[2]))
                d.save(sys.argv[1])
                """, [original, "\(rotate)"])
            #expect(made.succeeded, "\(made.stderr)")
            let result = try stamp(station, original, out: stamped, ["--keyword", "SEAL HERE"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try verify(station, stamped).status == 0)
            // The text's ink (black) on the unstamped page, the seal's (red) on the stamped one, both at 10 px/mm.
            let text = try #require(try PDFDocuments.inkBox(original, red: false, in: station.directory))
            let seal = try #require(try PDFDocuments.inkBox(stamped, red: true, in: station.directory))
            #expect(abs(seal.width - 42) <= 0.5 && abs(seal.height - 42) <= 0.5, "rotate \(rotate): seal \(seal)")
            #expect(abs(seal.midX - text.midX) <= 1.5 && abs(seal.midY - text.midY) <= 1.5, "rotate \(rotate): seal \(seal), text \(text)")
        }
    }
}
