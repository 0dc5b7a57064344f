import ArgumentParser
import Foundation
import SealCrypto
import SealDocument
import SealFonts
import SealOFD
import SealPKI
import SealSES

extension BenchCommand {
    /// 签章 and 验章 of an OFD against the cryptography they cannot avoid, measured with openssl in the same run.
    struct OFD: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ofd",
            abstract: "Stamp and verify a 20-page ~2 MB OFD vs `openssl dgst -sm3` over its members + one `openssl speed sm2` sign/verify (goal ≤ 1.5); stamps/s on 1 page.",
            discussion: """
                The document is made by `ofd from-text` (dense CJK text, so the embedded Song subset and the page
                content make up its size). "stamp" is what `use sign DOC.ofd` does to the document: read the
                package, prepare the stamp by position (References: the SM3 of every member), sign the Signature.xml
                digest with SM2 (checked before release), package the signed OFD and re-read it to check every
                digest. "verify" is `verify DOC.ofd`: read the package, check every reference, the SES signature,
                the seal and both certificates against the CA. The reference is, in the same run, `openssl dgst
                -sm3` over the package's members written out as files (one process, wall time) plus one SM2
                signature (stamp) or verification (verify) at the rate of `openssl speed sm2`. Times are the best of
                --trials. Last, stamps per second on a 1-page document.

                Example:
                  Scripts/bench ofd --pages 20 --trials 5
                """)

        @Option(help: "Pages of the large document.") var pages = 20
        @Option(help: "Runs of each measurement (the best is reported).") var trials = 5
        @Option(help: "Seconds for the stamps-per-second measurement.") var seconds = 3
        @Flag(help: "Print the result as JSON.") var json = false

        func validate() throws {
            guard (1...200).contains(pages) else { throw ValidationError("--pages must be 1 to 200.") }
            guard (1...50).contains(trials) else { throw ValidationError("--trials must be 1 to 50.") }
            guard (1...60).contains(seconds) else { throw ValidationError("--seconds must be 1 to 60.") }
        }

        func run() throws {
            let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
            let bench = try BenchCA(subject: "/C=CN/O=bench/CN=bench CA", notBefore: now.addingTimeInterval(-86_400))
            let makerKey = try PrivateKey.generate(.sm2), holderKey = try PrivateKey.generate(.sm2)
            let maker = try bench.issue("/CN=制章人", subjectKey: makerKey.publicKey)
            let holder = try bench.issue("/CN=合同专用章", subjectKey: holderKey.publicKey)
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            let seal = try SealMaker.make(SealMakingRequest(
                esID: "11010800000001", type: .unit, name: "北京某某科技发展有限公司合同专用章", holders: [holder],
                createDate: now.addingTimeInterval(-3600), validStart: now.addingTimeInterval(-3600), validEnd: now.addingTimeInterval(86_400 * 300),
                picture: SealPicture(type: "PNG", data: png + (try SecureRandom.bytes(count: 16_384)), widthMM: 40, heightMM: 40)),
                makerKey: makerKey, makerCertificate: maker)

            Measure.log(json, "making a \(pages)-page OFD from text…")
            let face = try FontSource.songTrueType.open()
            let large = try OFDTextDocument(text: Array(Self.text(pages: pages, face: face).utf8), face: face, info: OFDDocInfo(title: "基准测试文档")).package()
            let small = try OFDTextDocument(text: Array(Self.text(pages: 1, face: face).utf8), face: face, info: OFDDocInfo(title: "基准测试文档")).package()
            let largePackage = try OFDPackage(data: Data(large), name: "bench.ofd")
            let pageCount = try OFDFile(largePackage).bodies[0].document.pages.count

            func stamp(_ bytes: [UInt8]) throws -> [UInt8] {
                let file = try OFDFile(try OFDPackage(data: Data(bytes), name: "bench.ofd"))
                let prepared = try OFDStamp.prepare(file, seal: seal, placement: .position(page: 1, x: 150, y: 240), signingTime: now)
                let signature = try SignatureMaker.sign(
                    dataHash: prepared.dataHash, documentName: prepared.signatureXMLPath, seal: seal, holderKey: holderKey,
                    holderCertificate: holder, signingTime: now)
                return try prepared.package(signedValue: signature)
            }
            let verifier = OFDVerifier(trust: .anchors([bench.certificate]), at: now)
            var stamped: [UInt8] = []
            Measure.log(json, "stamping and verifying the \(large.count)-byte OFD \(trials) times each…")
            let stampMS = try best { stamped = try stamp(large) }
            let verifyMS = try best {
                let report = try verifier.verify(stamped, name: "bench.ofd")
                guard report.isValid else { throw BenchError.verifyFailed }
            }

            // Where a stamp's time goes: reading the package, preparing (References), signing, writing the ZIP, and
            // the whole packaging (the ZIP and reading it back to check every digest).
            var file: OFDFile?
            var prepared: OFDStamp?
            var signature: ElectronicSignature?
            let readMS = try best { file = try OFDFile(try OFDPackage(data: Data(large), name: "bench.ofd")) }
            let prepareMS = try best {
                prepared = try OFDStamp.prepare(file!, seal: seal, placement: .position(page: 1, x: 150, y: 240), signingTime: now)
            }
            let signMS = try best {
                signature = try SignatureMaker.sign(
                    dataHash: prepared!.dataHash, documentName: prepared!.signatureXMLPath, seal: seal, holderKey: holderKey,
                    holderCertificate: holder, signingTime: now)
            }
            let members = largePackage.paths.map { OFDPackageMember(path: $0, bytes: largePackage.file($0) ?? []) }
            // What writing the whole package again would cost (a stamp copies the kept entries as stored instead).
            let zipMS = try best { _ = try OFDPackageWriter.zip(members, modificationDate: now) }
            let packageMS = try best { _ = try prepared!.package(signedValue: signature!) }

            Measure.log(json, "running openssl dgst -sm3 over the \(largePackage.paths.count) members and openssl speed sm2…")
            let digestMS = try Self.opensslDigestMilliseconds(largePackage, trials: trials)
            let sm2 = try OpenSSLSpeed.sm2(seconds: 1)
            let stampReference = digestMS + 1000 / sm2.sign, verifyReference = digestMS + 1000 / sm2.verify

            Measure.log(json, "stamping a 1-page OFD for \(seconds) s…")
            let perSecond = try Measure.throughput(for: Double(seconds)) { _ = try stamp(small) }.perWallSecond

            let result = Result(
                pages: pageCount, bytes: large.count, members: largePackage.paths.count, stampMS: stampMS, verifyMS: verifyMS,
                opensslDigestMS: digestMS, opensslSM2SignMS: 1000 / sm2.sign, opensslSM2VerifyMS: 1000 / sm2.verify,
                stampRatio: stampMS / stampReference, verifyRatio: verifyMS / verifyReference, onePageStampsPerSecond: perSecond,
                stampParts: ["read": readMS, "prepare": prepareMS, "sign": signMS, "zip": zipMS, "package": packageMS],
                reference: OpenSSLSpeed.version())
            if json {
                try Measure.printJSON(result)
            } else {
                print("document: \(pageCount) pages, \(large.count) bytes, \(largePackage.paths.count) members; best of \(trials)")
                print(String(format: "stamp   %8.1f ms   reference %6.1f ms (dgst %.1f + sign %.3f)   ratio %.2f   (goal ≤ 1.5)",
                             stampMS, stampReference, digestMS, 1000 / sm2.sign, result.stampRatio))
                print(String(format: "verify  %8.1f ms   reference %6.1f ms (dgst %.1f + verify %.3f)   ratio %.2f   (goal ≤ 1.5)",
                             verifyMS, verifyReference, digestMS, 1000 / sm2.verify, result.verifyRatio))
                print(String(format: "stamp parts: read %.1f, prepare %.1f, sign %.1f, package %.1f ms (re-zipping every member instead: %.1f ms)",
                             readMS, prepareMS, signMS, packageMS, zipMS))
                print(String(format: "1-page document: %.1f stamps/s", perSecond))
                print("reference: \(result.reference)")
            }
        }

        struct Result: Encodable {
            var pages: Int, bytes: Int, members: Int
            var stampMS: Double, verifyMS: Double, opensslDigestMS: Double, opensslSM2SignMS: Double, opensslSM2VerifyMS: Double
            var stampRatio: Double, verifyRatio: Double, onePageStampsPerSecond: Double
            /// Milliseconds of a stamp's parts: read, prepare, sign and package (update and check), and what re-zipping
            /// every member would take ("zip").
            var stampParts: [String: Double]
            var reference: String
        }

        private func best(_ body: () throws -> Void) throws -> Double { try Measure.bestMilliseconds(trials: trials, body) }

        /// Dense text of `pages` A4 pages: CJK characters of the common range that `face` has, in a fixed
        /// pseudo-random order, so the embedded Song subset is large, as in a real long document, and every run makes
        /// the same document.
        static func text(pages: Int, face: OpenTypeFace) -> String {
            var state: UInt32 = 2_463_534_242
            var text = ""
            for page in 0..<pages {
                if page > 0 { text += "\u{0C}" }
                for _ in 0..<36 {
                    var count = 0
                    // UMing has most of the range; the attempts are bounded all the same.
                    for _ in 0..<(38 * 64) where count < 38 {
                        state ^= state << 13; state ^= state >> 17; state ^= state << 5
                        guard let scalar = Unicode.Scalar(0x4E00 + state % 0x1C00), face.glyph(for: scalar) != nil else { continue }
                        text.unicodeScalars.append(scalar)
                        count += 1
                    }
                    text += "\n"
                }
            }
            return text
        }

        /// The best wall time of one `openssl dgst -sm3` over every member of `package`, written out as files.
        static func opensslDigestMilliseconds(_ package: OFDPackage, trials: Int) throws -> Double {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sealstation-bench-ofd-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            try ProtectedFile.createDirectory(directory.path)
            var files: [String] = []
            for (index, path) in package.paths.enumerated() {
                let file = directory.appendingPathComponent("member-\(index)")
                try ProtectedFile.write(package.file(path) ?? [], to: file.path, mode: ProtectedFile.secretMode)
                files.append(file.path)
            }
            return try Measure.bestCommandMilliseconds(["openssl", "dgst", "-sm3"] + files, trials: trials)
        }
    }
}
