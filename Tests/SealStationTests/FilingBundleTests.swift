import Foundation
import SealBundle
import SealBundleRender
import SealCrypto
import SealFiling
import SealPKI
import SealRegistry
import SealRender
import SealSES
import SealStation
import SealTestSupport
import Testing
import SealAudit

@Suite("Filing bundles: export, verify, import")
struct FilingBundleTests {
    static let stationPassphrase = OfficeFixture.secret("station passphrase")

    /// A personal seal on the smallest template (small images keep exhaustive byte tests quick).
    func issuePersonalSeal(_ office: OfficeFixture, holder: String = "张小明", now: Date = OfficeFixture.now) throws -> SealRecord {
        let application = try office.station.apply(by: office.clerk, SealApplication(
            unitName: "北京某某科技发展有限公司", creditCode: "91110108MA00000070", template: "square-18-noframe", holderName: holder,
            holderIDNumber: "11010519491231002X", reason: "法定代表人名章"), now: now)
        _ = try office.station.approve(by: office.approver, applicationID: application.id!, note: nil, now: now)
        return try office.station.issue(
            by: office.clerk, applicationID: application.id!, stationPassphrase: Self.stationPassphrase,
            holderPassphrase: OfficeFixture.secret("holder passphrase"), keyEncryption: OfficeFixture.encryption, now: now)
    }

    func export(_ office: OfficeFixture, now: Date = OfficeFixture.now) throws -> BundleExport {
        try office.station.exportBundle(
            by: office.clerk, to: office.directory.url.appendingPathComponent("courier"), stationPassphrase: Self.stationPassphrase, now: now)
    }

    func verifier(_ office: OfficeFixture, redraw: Bool = false) -> BundleVerifier {
        BundleVerifier(anchor: office.station.ca.certificate, imageCheck: redraw ? RedrawImageCheck(templates: office.station.templates) : nil)
    }

    @Test("bagit.py validates the unzipped bundle; asn1crypto reads the SignedData; openssl verifies its SM2 signature; every image redraws identically")
    func crossChecked() async throws {
        let office = try OfficeFixture()
        let unit = try office.issuedSeal()
        _ = try issuePersonalSeal(office)
        _ = try office.station.revoke(by: office.approver, sealID: unit.id!, reason: "单位注销", now: OfficeFixture.now)
        let exported = try export(office)
        #expect(exported.sequence == 1 && exported.seals == 2 && exported.revocations == 1 && exported.previousSM3 == nil)

        let unzipped = office.directory.path("unzipped")
        let extract = try PythonTools.run(script: "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])", [exported.path, unzipped])
        #expect(extract.succeeded, "\(extract.stderr)")
        let bagit = PythonTools.python.replacingOccurrences(of: "python3", with: "bagit.py")
        let valid = try ExternalTool.run(bagit, ["--validate", unzipped])
        #expect(valid.succeeded, "\(valid.stderr)")
        #expect(valid.stderr.contains("is valid"), "\(valid.stderr)")

        // asn1crypto parses the SignedData as CMS and gives back the signed attributes; openssl verifies the
        // signature over exactly those bytes with the maker's key and the SM2 ID.
        let parse = try PythonTools.run(script: """
            import sys
            from asn1crypto import cms, core
            class ContentInfo(core.Sequence):
                _fields = [('content_type', core.ObjectIdentifier), ('content', cms.SignedData, {'explicit': 0})]
            sd = ContentInfo.load(open(sys.argv[1], 'rb').read(), strict=True)['content']
            si = sd['signer_infos'][0]
            open(sys.argv[2], 'wb').write(si['signed_attrs'].untag().dump(force=True))
            open(sys.argv[3], 'wb').write(si['signature'].native)
            attrs = {a['type'].dotted: a['values'][0] for a in si['signed_attrs']}
            print(attrs['1.2.840.113549.1.9.4'].native.hex())
            print(si['digest_algorithm']['algorithm'].dotted, len(sd['certificates']))
            """, ["\(unzipped)/signatures/tagmanifest-sm3.txt.p7s", office.directory.path("attributes.der"), office.directory.path("signature.der")])
        #expect(parse.succeeded, "\(parse.stderr)")
        let tagManifest = try Data(contentsOf: URL(fileURLWithPath: "\(unzipped)/tagmanifest-sm3.txt"))
        #expect(parse.stdout == "\(Hex.encode(try SM3.hash(tagManifest)))\n1.2.156.10197.1.401 2\n")
        let makerKey = try office.directory.write("maker.pub.der", office.station.makerCertificate.publicKey.derEncoded)
        let verify = try ExternalTool.run("openssl", [
            "dgst", "-sm3", "-keyform", "DER", "-verify", makerKey, "-sigopt", "distid:1234567812345678",
            "-signature", office.directory.path("signature.der"), office.directory.path("attributes.der"),
        ])
        #expect(verify.succeeded && verify.stdout.contains("Verified OK"), "\(verify.stdout)\(verify.stderr)")

        // Our verifier: everything passes, and both images of both seals redraw byte for byte.
        let outcome = verifier(office, redraw: true).verify(URL(fileURLWithPath: exported.path))
        #expect(outcome.report.isValid, "\(outcome.report.firstFailure ?? "")")
        #expect(outcome.report.seals.map(\.image.status) == [.match, .match])
        #expect(outcome.report.sm3 == exported.sm3)
        #expect(outcome.report.checks.map(\.id) == ["archive", "bagit", "layout", "station", "signature", "audit-chain", "audit-head", "period", "crl", "seals", "images"])
    }

    @Test("exports are numbered, chained and audited; a template changed here is reported, not called a mismatch")
    func chainingAndAudit() async throws {
        let office = try OfficeFixture()
        _ = try issuePersonalSeal(office)
        let first = try export(office)
        #expect(throws: FilingBundleError.nothingToExport(lastSeq: first.auditLastSeq)) { try export(office) }
        _ = try issuePersonalSeal(office, holder: "李四")
        let second = try export(office)
        #expect(second.sequence == 2 && second.previousSM3 == first.sm3 && second.auditFirstSeq == first.auditLastSeq + 1)
        let records = try office.station.auditRecords(since: first.auditLastSeq + 1)
        #expect(records.first?.action == "bundle.export" && records.first?.details.contains(first.sm3) == true)
        let audit = try office.station.verifyAudit()
        #expect(audit.isValid && audit.checkpoints >= 4, "\(audit.problems)")

        // A verifier whose template file differs says so instead of failing the seal.
        let templates = office.directory.url.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: office.station.templates.directory, to: templates)
        let yaml = templates.appendingPathComponent("square-18-noframe.yaml")
        try (String(contentsOf: yaml, encoding: .utf8) + "\n# local edit\n").write(to: yaml, atomically: true, encoding: .utf8)
        let outcome = BundleVerifier(anchor: office.station.ca.certificate, imageCheck: RedrawImageCheck(templates: try TemplateLibrary(directory: templates)))
            .verify(URL(fileURLWithPath: second.path))
        #expect(outcome.report.isValid, "\(outcome.report.firstFailure ?? "")")
        #expect(outcome.report.seals.first?.image.status == .notCompared)
        #expect(outcome.report.seals.first?.image.detail.contains("template square-18-noframe differs") == true)
        #expect(outcome.report.checks.last?.id == "images" && outcome.report.checks.last?.status == .skipped, "\(outcome.report.checks)")
    }

    @Test("a bundle holds at most --max-seals seals; the rest, with the uses recorded after the cut, goes into the next one")
    func sealLimit() async throws {
        let office = try OfficeFixture()
        let first = try issuePersonalSeal(office, holder: "甲一")
        let request = try office.station.requestUse(by: office.clerk, sealID: first.id!, reason: "合同", count: 2, now: OfficeFixture.now)
        _ = try office.station.approveUse(by: office.approver, requestID: request.id!, now: OfficeFixture.now)
        func use() throws {
            _ = try office.station.sign(by: office.clerk, sealID: first.id!, document: Array("合同".utf8), documentName: "合同.txt",
                                        holderPassphrase: OfficeFixture.secret("holder passphrase"), now: OfficeFixture.now)
        }
        try use()
        _ = try issuePersonalSeal(office, holder: "乙二")
        _ = try issuePersonalSeal(office, holder: "丙三")
        try use()
        let courier = office.directory.url.appendingPathComponent("courier")
        let one = try office.station.exportBundle(by: office.clerk, to: courier, stationPassphrase: Self.stationPassphrase, maxSeals: 2, now: OfficeFixture.now)
        #expect(one.seals == 2 && one.uses == 1 && one.remaining > 0)
        let two = try office.station.exportBundle(by: office.clerk, to: courier, stationPassphrase: Self.stationPassphrase, maxSeals: 2, now: OfficeFixture.now)
        #expect(two.seals == 1 && two.uses == 1 && two.remaining == 0 && two.auditFirstSeq == one.auditLastSeq + 1)
        let database = try SQLiteFilingStore(path: office.directory.path("online.sqlite"))
        for export in [one, two] {
            let outcome = verifier(office).verify(URL(fileURLWithPath: export.path))
            #expect(outcome.report.isValid, "\(outcome.report.firstFailure ?? "")")
            #expect(try await BundleImporter(store: database).importBundle(outcome, now: OfficeFixture.now).status == .imported)
        }
        #expect(try await database.filedSeals(creditCode: "91110108MA00000070").count == 3)
        #expect(try await database.useCount(esID: first.esID) == 2)
    }

    @Test("every single-byte change of a bundle is rejected, naming the stage that caught it")
    func everyByteChange() async throws {
        let office = try OfficeFixture()
        _ = try issuePersonalSeal(office)
        let exported = try export(office)
        let original = try Data(contentsOf: URL(fileURLWithPath: exported.path))
        let verifier = verifier(office)
        #expect(verifier.verify(data: original, name: "bundle").report.isValid)
        let files = try BundleArchive.read(data: original)

        // 1. The archive itself: every byte of every ZIP header, the central directory and its end record is
        //    flipped; inside members every 13th byte — a stored member's CRC-32 catches any single-byte change
        //    there, as the flips sampled confirm.
        var offset = 0
        var positions: [Int] = []
        for file in files {
            let header = 30 + file.path.utf8.count
            positions += offset..<(offset + header)
            let content = (offset + header)..<(offset + header + file.bytes.count)
            positions += Array(stride(from: content.lowerBound, to: content.upperBound, by: 13)) + [content.upperBound - 1]
            offset = content.upperBound
        }
        positions += offset..<original.count  // the central directory and its end record
        var failures: [String: Int] = [:]
        for position in positions {
            var bytes = original
            bytes[position] ^= 0x01
            let report = verifier.verify(data: bytes, name: "bundle").report
            #expect(!report.isValid, "byte \(position) changed and the bundle still verifies")
            let stage = report.checks.first { $0.status == .failed }?.id ?? "none"
            failures[stage, default: 0] += 1
        }
        #expect(failures.keys.sorted() == ["archive"], "\(failures)")

        // 2. The bag: a member's byte changed and the archive rebuilt canonically (as someone without the station's
        //    key would): payload and tag files fail BagIt, the signature file fails the signature check. Every byte
        //    of the tag files and the signature; in the payload every 7th byte (every 211th in files over 2 KiB).
        for (index, file) in files.enumerated() {
            let count = file.bytes.count
            let stride = !file.path.hasPrefix("data/") ? 1 : count <= 2048 ? 7 : 211
            let changes = Array(Swift.stride(from: 0, to: count, by: stride)) + [count - 1]
            for position in changes {
                var changed = files
                changed[index].bytes[position] ^= 0x01
                let report = verifier.verify(data: try BundleArchive.archive(changed), name: "bundle").report
                let stage = report.checks.first { $0.status == .failed }
                let expected: Set<String> = file.path == FilingBundle.signaturePath ? ["signature"]
                    : file.path == "tagmanifest-sm3.txt" ? ["bagit", "signature"] : ["bagit"]
                #expect(stage != nil && expected.contains(stage!.id), "\(file.path) byte \(position): \(stage?.id ?? "passed") \(stage?.detail ?? "")")
                if file.path.hasPrefix("data/"), let stage {
                    #expect(stage.detail.contains(file.path), "\(stage.detail)")
                }
            }
        }
    }

    @Test("a bag rebuilt and re-signed without the station's key, an unknown data file, and another station's bundle are rejected")
    func forgeries() async throws {
        let office = try OfficeFixture()
        _ = try issuePersonalSeal(office)
        let exported = try export(office)
        let outcome = verifier(office).verify(URL(fileURLWithPath: exported.path))
        let bundle = try #require(outcome.bundle)

        // Filing fields edited and the manifests recomputed: the signature no longer covers the tag manifest.
        var edited = bundle
        edited.seals[0].filing.holderIDNumber = "110105194912310029"
        let resigned = try edited.bag().files()
        var forged = resigned
        // The old signature, where SealStation puts it: after the tag manifests, before the payload.
        forged.insert(try BundleArchive.read(URL(fileURLWithPath: exported.path)).first { $0.path == FilingBundle.signaturePath }!,
                      at: forged.firstIndex { $0.path.hasPrefix("data/") }!)
        var report = verifier(office).verify(data: try BundleArchive.archive(forged), name: "forged").report
        #expect(report.checks.last?.id == "signature" && report.checks.last?.status == .failed, "\(report.checks)")

        // Signed by another key (a maker certificate from another CA): the signer does not chain to the anchor.
        let other = try StationFixture()
        let (otherKey, otherCertificate) = try other.issue(.maker, "/C=CN/O=别处/CN=伪制章人")
        let signedElsewhere = try edited.signedFiles(signer: otherKey, certificate: otherCertificate, chain: [other.ca.certificate], signingTime: OfficeFixture.now)
        report = verifier(office).verify(data: try BundleArchive.archive(signedElsewhere), name: "forged").report
        #expect(report.checks.last?.id == "signature" && report.checks.last?.status == .failed, "\(report.checks)")

        // Signed by the real maker key, but with a file the layout does not have.
        let makerKey = try PrivateKey(
            encryptedPKCS8: ProtectedFile.read(office.station.directory.appendingPathComponent("maker/maker-key.p8").path),
            passphrase: Self.stationPassphrase)
        var bag = try bundle.bag()
        try bag.add("notes.txt", Array("extra".utf8))
        let extra = try bag.files { manifest in
            [BagItBag.File(path: FilingBundle.signaturePath, bytes: try DetachedSignedData.sign(
                content: manifest, signer: makerKey, certificate: office.station.makerCertificate, chain: [office.station.ca.certificate],
                signingTime: OfficeFixture.now).derEncoded)]
        }
        report = verifier(office).verify(data: try BundleArchive.archive(extra), name: "extra").report
        #expect(report.checks.last?.id == "layout" && report.checks.last?.detail.contains("data/notes.txt") == true, "\(report.checks)")

        // The same files in another order, a manifest in upper-case hex, a bare "data" member: none is the canonical bag.
        let genuine = try BundleArchive.read(URL(fileURLWithPath: exported.path))
        var reordered = genuine
        reordered.swapAt(reordered.count - 1, reordered.count - 2)
        report = verifier(office).verify(data: try BundleArchive.archive(reordered), name: "reordered").report
        #expect(report.checks.last?.id == "bagit" && report.checks.last?.detail.contains("order") == true, "\(report.checks)")
        var upper = genuine
        let index = try #require(upper.firstIndex { $0.path == "tagmanifest-sha256.txt" })
        let lines = String(decoding: upper[index].bytes, as: UTF8.self).split(separator: "\n").map { line in
            line.prefix(64).uppercased() + line.dropFirst(64)
        }
        upper[index].bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        report = verifier(office).verify(data: try BundleArchive.archive(upper), name: "upper").report
        #expect(report.checks.last?.id == "bagit" && report.checks.last?.detail.contains("tagmanifest-sha256.txt") == true, "\(report.checks)")
        report = verifier(office).verify(data: try BundleArchive.archive(genuine + [BagItBag.File(path: "data", bytes: [0x41])]), name: "bare").report
        #expect(report.checks.first?.id == "archive" && report.checks.first?.detail.contains("'data'") == true, "\(report.checks)")

        // A SignedData by the real maker key that leaves out the CA certificate.
        let noChain = try DetachedSignedData.sign(
            content: genuine.first { $0.path == "tagmanifest-sm3.txt" }!.bytes, signer: makerKey, certificate: office.station.makerCertificate,
            signingTime: OfficeFixture.now)
        var stripped = genuine
        stripped[stripped.firstIndex { $0.path == FilingBundle.signaturePath }!].bytes = noChain.derEncoded
        report = verifier(office).verify(data: try BundleArchive.archive(stripped), name: "stripped").report
        #expect(report.checks.last?.id == "signature" && report.checks.last?.detail.contains("exactly") == true, "\(report.checks)")

        // A holder (whose certificate the same CA issued) signs the bundle as if it were the seal maker: the CA's
        // binding in the audit head names the real maker.
        let holderSeal = try #require(try office.station.seals(.init(limit: 1)).first)
        let holderFolder = try office.station.custodyDirectory(of: holderSeal)
        let holderKey = try PrivateKey(
            encryptedPKCS8: ProtectedFile.read(holderFolder.appendingPathComponent("holder-key.p8").path),
            passphrase: OfficeFixture.secret("holder passphrase"))
        let holderCertificate = try Certificate(derEncoded: Array(holderSeal.holderCertificate))
        var impostor = bundle
        impostor.makerCertificate = holderCertificate.derEncoded
        let impostorFiles = try impostor.signedFiles(signer: holderKey, certificate: holderCertificate, chain: [office.station.ca.certificate],
                                                     signingTime: OfficeFixture.now)
        report = verifier(office).verify(data: try BundleArchive.archive(impostorFiles), name: "impostor").report
        #expect(report.checks.last?.id == "audit-head" && report.checks.last?.detail.contains("not the one the station CA names") == true,
                "\(report.checks)")

        // Another station's genuine bundle, checked against this station's CA.
        let elsewhere = try OfficeFixture()
        _ = try issuePersonalSeal(elsewhere)
        let theirs = try export(elsewhere)
        report = verifier(office).verify(URL(fileURLWithPath: theirs.path)).report
        #expect(report.checks.last?.id == "station" && report.checks.last?.detail.contains("not the anchor") == true, "\(report.checks)")
    }
}
