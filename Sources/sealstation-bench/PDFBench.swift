import ArgumentParser
import Foundation
import SealCrypto
import SealDocument
import SealPDF
import SealPKI
import SealRender
import SealResources
import SealSES
import SealStation

extension BenchCommand {
    /// 签章 and 验章 of a PDF against the cryptography they cannot avoid, measured with openssl in the same run, and
    /// pyHanko's own signing of the same file as a second reference.
    struct PDF: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pdf",
            abstract: "Stamp and verify a 20-page ~2 MB PDF vs `openssl dgst -sm3` over the file + one `openssl speed sm2` sign/verify (goal ≤ 1.5); pyHanko's P-256 signing as a second reference.",
            discussion: """
                The document is drawn with cairo (dense CJK text in the Song face, whose embedded subset makes up
                most of its size). "stamp" is what `use sign DOC.pdf --page 1 --at X,Y` does to the document: read it
                with libqpdf, place the seal, write the incremental revision with the seal's image, hash the byte
                range (SM3), make the SES_Signature and the CMS with the holder's SM2 key (both checked before
                release), fill /Contents and read the file back. "verify" is `verify DOC.pdf`: read the file, check
                the byte range, the CMS, the SES_Signature, the seal and the certificates against the CA. The
                reference is, in the same run, `openssl dgst -sm3` over the file (one process, wall time) plus one
                SM2 signature (stamp: two are made, the SES and the CMS, so two signatures) or verification
                (verify: three, the CMS, the SES and the seal's maker signature). Times are the best of --trials.
                Last, the same stamp with a P-256 key (PAdES) against pyHanko signing the same file with a P-256 key
                through its Python API, timed inside Python (.build-venv from Scripts/setup; skipped without it).

                Example:
                  Scripts/bench pdf --pages 20 --trials 5
                """)

        @Option(help: "Pages of the document.") var pages = 20
        @Option(help: "Runs of each measurement (the best is reported).") var trials = 5
        @Option(help: ArgumentHelp("The Python with pyHanko (Scripts/setup's venv).", valueName: "PATH")) var python = ".build-venv/bin/python"
        @Flag(help: "Print the result as JSON.") var json = false

        func validate() throws {
            guard (1...200).contains(pages) else { throw ValidationError("--pages must be 1 to 200.") }
            guard (1...50).contains(trials) else { throw ValidationError("--trials must be 1 to 50.") }
        }

        func run() throws {
            let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
            let bench = try BenchCA(subject: "/C=CN/O=bench/CN=bench CA", notBefore: now.addingTimeInterval(-86_400))
            let makerKey = try PrivateKey.generate(.sm2), holderKey = try PrivateKey.generate(.sm2), p256Key = try PrivateKey.generate(.p256)
            let maker = try bench.issue("/CN=制章人", subjectKey: makerKey.publicKey)
            let holder = try bench.issue("/CN=合同专用章", subjectKey: holderKey.publicKey)
            let p256Holder = try bench.issue("/CN=合同专用章 P-256", subjectKey: p256Key.publicKey)
            let renderer = try SealRenderer()
            let template = try TemplateLibrary(directory: DataResolver.current.templates(flag: nil)).template("round-42")
            let png = try renderer.render(renderer.layout(template, content: SealContent(template.sample)), format: .png)
            let seal = try SealMaker.make(SealMakingRequest(
                esID: "11010800000001", type: .unit, name: "北京某某科技发展有限公司合同专用章", holders: [holder, p256Holder],
                createDate: now.addingTimeInterval(-3600), validStart: now.addingTimeInterval(-3600), validEnd: now.addingTimeInterval(86_400 * 300),
                picture: SealPicture(type: "PNG", data: png, widthMM: 42, heightMM: 42)),
                makerKey: makerKey, makerCertificate: maker)
            let image = try PDFStamping.image(of: seal)

            Measure.log(json, "drawing a \(pages)-page PDF with cairo…")
            let document = try renderer.textPagesPDF(title: "基准测试文档", pages: Self.text(pages: pages))
            let pageCount = try PDFFile(document, name: "bench.pdf").pageCount

            func stamp(_ bytes: [UInt8], key: PrivateKey, certificate: Certificate) throws -> [UInt8] {
                let file = try PDFFile(bytes, name: "bench.pdf")
                let prepared = try PDFStamp.prepare(
                    file, name: "bench.pdf", seal: seal, image: image, placement: .position(page: 1, x: 150, y: 240), signer: certificate,
                    chain: [bench.certificate], subFilter: certificate.publicKey.algorithm == .sm2 ? .adbePKCS7Detached : .etsiCAdESDetached,
                    signingTime: now)
                let signature = try SignatureMaker.sign(
                    dataHash: prepared.dataHash, documentName: prepared.fieldName, seal: seal, holderKey: key, holderCertificate: certificate,
                    signingTime: now)
                return try prepared.signed(signature, signer: key, certificate: certificate, chain: [bench.certificate])
            }
            let verifier = PDFVerifier(trust: .anchors([bench.certificate]), at: now)
            var stamped: [UInt8] = []
            Measure.log(json, "stamping and verifying the \(document.count)-byte PDF \(trials) times each…")
            let stampMS = try best { stamped = try stamp(document, key: holderKey, certificate: holder) }
            let verifyMS = try best {
                let report = try verifier.verify(stamped, name: "bench.pdf")
                guard report.isValid else { throw BenchError.verifyFailed }
            }
            let p256MS = try best { _ = try stamp(document, key: p256Key, certificate: p256Holder) }

            // Where a stamp's time goes: reading with libqpdf, preparing the revision (and its byte range's SM3), the
            // SES_Signature, and the CMS with /Contents filled and the file read back.
            var file: PDFFile?
            var prepared: PDFStamp?
            var signature: ElectronicSignature?
            let readMS = try best { file = try PDFFile(document, name: "bench.pdf") }
            let prepareMS = try best {
                prepared = try PDFStamp.prepare(
                    file!, name: "bench.pdf", seal: seal, image: image, placement: .position(page: 1, x: 150, y: 240), signer: holder,
                    chain: [bench.certificate], subFilter: .adbePKCS7Detached, signingTime: now)
            }
            let sesMS = try best {
                signature = try SignatureMaker.sign(
                    dataHash: prepared!.dataHash, documentName: prepared!.fieldName, seal: seal, holderKey: holderKey, holderCertificate: holder,
                    signingTime: now)
            }
            let signedMS = try best { _ = try prepared!.signed(signature!, signer: holderKey, certificate: holder, chain: [bench.certificate]) }

            Measure.log(json, "running openssl dgst -sm3 over the file and openssl speed sm2…")
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sealstation-bench-pdf-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            try ProtectedFile.createDirectory(directory.path)
            let documentPath = directory.appendingPathComponent("bench.pdf").path
            try ProtectedFile.write(document, to: documentPath, mode: ProtectedFile.secretMode)
            let digestMS = try Measure.bestCommandMilliseconds(["openssl", "dgst", "-sm3", documentPath], trials: trials)
            let sm2 = try OpenSSLSpeed.sm2(seconds: 1)
            let stampReference = digestMS + 2 * 1000 / sm2.sign, verifyReference = digestMS + 3 * 1000 / sm2.verify

            Measure.log(json, "timing pyHanko signing the same file with a P-256 key…")
            let pyhankoMS = try Self.pyhankoMilliseconds(python: python, document: documentPath, directory: directory, trials: trials)

            let result = Result(
                pages: pageCount, bytes: document.count, stampMS: stampMS, verifyMS: verifyMS, opensslDigestMS: digestMS,
                opensslSM2SignMS: 1000 / sm2.sign, opensslSM2VerifyMS: 1000 / sm2.verify, stampRatio: stampMS / stampReference,
                verifyRatio: verifyMS / verifyReference, p256StampMS: p256MS, pyhankoSignMS: pyhankoMS,
                p256RatioToPyHanko: pyhankoMS.map { p256MS / $0 },
                stampParts: ["read": readMS, "prepare": prepareMS, "ses": sesMS, "cmsFillCheck": signedMS], reference: OpenSSLSpeed.version())
            if json {
                try Measure.printJSON(result)
            } else {
                print("document: \(pageCount) pages, \(document.count) bytes; best of \(trials)")
                print(String(format: "stamp   %8.1f ms   reference %6.1f ms (dgst %.1f + 2 signs %.3f)   ratio %.2f   (goal ≤ 1.5)",
                             stampMS, stampReference, digestMS, 2000 / sm2.sign, result.stampRatio))
                print(String(format: "verify  %8.1f ms   reference %6.1f ms (dgst %.1f + 3 verifies %.3f)   ratio %.2f   (goal ≤ 1.5)",
                             verifyMS, verifyReference, digestMS, 3000 / sm2.verify, result.verifyRatio))
                print(String(format: "stamp parts: read %.1f, prepare %.1f, SES %.1f, CMS + fill + read back %.1f ms", readMS, prepareMS, sesMS, signedMS))
                if let pyhankoMS {
                    print(String(format: "P-256 stamp %.1f ms; pyHanko P-256 signing of the same file %.1f ms; ratio %.2f", p256MS, pyhankoMS, p256MS / pyhankoMS))
                } else {
                    print(String(format: "P-256 stamp %.1f ms; pyHanko not found at %@ (run Scripts/setup)", p256MS, python))
                }
                print("reference: \(result.reference)")
            }
        }

        struct Result: Encodable {
            var pages: Int, bytes: Int
            var stampMS: Double, verifyMS: Double, opensslDigestMS: Double, opensslSM2SignMS: Double, opensslSM2VerifyMS: Double
            var stampRatio: Double, verifyRatio: Double
            var p256StampMS: Double, pyhankoSignMS: Double?, p256RatioToPyHanko: Double?
            /// Milliseconds of a stamp's parts: read, prepare (with the byte range's SM3), the SES_Signature, and the CMS
            /// with /Contents filled and the file read back.
            var stampParts: [String: Double]
            var reference: String
        }

        private func best(_ body: () throws -> Void) throws -> Double { try Measure.bestMilliseconds(trials: trials, body) }

        /// `pages` pages of 44 lines of 34 CJK characters each, in a fixed pseudo-random order over the common range
        /// (the Song face has most of it), so the embedded subset is large, as in a real long document.
        static func text(pages: Int) -> [[String]] {
            var state: UInt32 = 2_463_534_242
            return (0..<pages).map { _ in
                (0..<44).map { _ in
                    var line = ""
                    for _ in 0..<34 {
                        state ^= state << 13; state ^= state >> 17; state ^= state << 5
                        if let scalar = Unicode.Scalar(0x4E00 + state % 0x1C00) { line.unicodeScalars.append(scalar) }
                    }
                    return line
                }
            }
        }

        /// pyHanko's best time to sign `document` with a fresh P-256 key and self-signed certificate (made by the openssl
        /// CLI), timed inside Python around `signers.sign_pdf` (its start-up not counted); nil without pyHanko.
        static func pyhankoMilliseconds(python: String, document: String, directory: URL, trials: Int) throws -> Double? {
            guard FileManager.default.isExecutableFile(atPath: python) else { return nil }
            let key = directory.appendingPathComponent("p256.key").path, certificate = directory.appendingPathComponent("p256.pem").path
            _ = try OpenSSLSpeed.run([
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", certificate,
                "-days", "30", "-subj", "/CN=bench P-256",
            ])
            let script = """
                import sys, io, time
                from pyhanko.sign import signers
                from pyhanko.sign.fields import SigSeedSubFilter
                from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
                signer = signers.SimpleSigner.load(sys.argv[2], sys.argv[3])
                data = open(sys.argv[1], 'rb').read()
                best = None
                for _ in range(int(sys.argv[4])):
                    start = time.perf_counter()
                    w = IncrementalPdfFileWriter(io.BytesIO(data))
                    signers.sign_pdf(w, signers.PdfSignatureMetadata(field_name='Bench', subfilter=SigSeedSubFilter.PADES), signer=signer, output=io.BytesIO())
                    elapsed = (time.perf_counter() - start) * 1000
                    best = elapsed if best is None else min(best, elapsed)
                print(best)
                """
            let (status, text) = try Measure.output(of: URL(fileURLWithPath: python), ["-c", script, document, key, certificate, "\(trials)"])
            guard status == 0, let value = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw BenchError.measurementFailed("pyHanko did not sign the document")
            }
            return value
        }
    }
}
