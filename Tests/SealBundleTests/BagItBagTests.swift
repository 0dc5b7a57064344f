import Foundation
import SealBundle
import SealCrypto
import SealSES
import SealTestSupport
import Testing
import SealPKI

@Suite("BagIt bags")
struct BagItBagTests {
    func sampleBag() throws -> BagItBag {
        var bag = BagItBag()
        try bag.add("seals/11010800000001/seal.sel", Array(repeating: 0x30, count: 400))
        try bag.add("seals/11010800000001/filing.json", Array(#"{"name":"北京某某科技发展有限公司合同专用章"}"#.utf8))
        try bag.add("seals/11010800000001/印章图像.png", [0x89, 0x50, 0x4E, 0x47])
        try bag.add("audit/records 1-100.jsonl", Array("{}\n".utf8))
        bag.info = [("Source-Organization", "某市公安局"), ("Bundle-Sequence", "1"), ("Bagging-Date", "2026-11-25")]
        return bag
    }

    @Test("bagit.py --validate accepts the bag, with the signed SM3 tag manifest beside it; a changed byte fails")
    func validatedByLibraryOfCongressBagit() throws {
        let fixture = try StationFixture()
        let (makerKey, makerCertificate) = try fixture.issue(.maker, "/C=CN/O=某市公安局/CN=制章人")
        let directory = try TemporaryDirectory()
        let bagPath = directory.url.appendingPathComponent("bag")
        var signed: [UInt8] = []
        try sampleBag().write(to: bagPath) { tagManifest in
            signed = tagManifest
            let signature = try DetachedSignedData.sign(
                content: tagManifest, signer: makerKey, certificate: makerCertificate, signingTime: StationFixture.now)
            return [BagItBag.File(path: "signatures/tagmanifest-sm3.txt.p7s", bytes: signature.derEncoded)]
        }
        #expect(try directory.read("bag/tagmanifest-sm3.txt") == signed)
        let bagit = PythonTools.python.replacingOccurrences(of: "python3", with: "bagit.py")
        let valid = try ExternalTool.run(bagit, ["--validate", bagPath.path])
        #expect(valid.succeeded, "\(valid.stderr)")
        let manifest = String(decoding: try directory.read("bag/manifest-sm3.txt"), as: UTF8.self)
        #expect(manifest.contains("  data/audit/records 1-100.jsonl\n"))
        #expect(manifest.contains(Hex.encode(try SM3.hash(Array(repeating: UInt8(0x30), count: 400))) + "  data/seals/11010800000001/seal.sel"))

        var changed = try directory.read("bag/data/seals/11010800000001/seal.sel")
        changed[17] ^= 0x01
        try directory.write("bag/data/seals/11010800000001/seal.sel", changed)
        let invalid = try ExternalTool.run(bagit, ["--validate", bagPath.path])
        #expect(!invalid.succeeded)
        #expect(invalid.stderr.contains("seal.sel"), "\(invalid.stderr)")
    }

    @Test("unsafe and duplicate payload paths and malformed bag-info fields are refused")
    func refusesUnsafeInput() throws {
        var bag = BagItBag()
        for path in ["/etc/passwd", "../x", "a/../b", "a//b", "a\\b", "", "a/./b", "tab\there", "100%.txt", "line\nbreak"] {
            #expect(throws: BagItError.unsafePath(path)) { try bag.add(path, [1]) }
        }
        try bag.add("a.txt", [1])
        #expect(throws: BagItError.duplicatePath("a.txt")) { try bag.add("a.txt", [2]) }
        bag.info = [("Bad: Label", "x")]
        #expect(throws: BagItError.invalidInfo("Bad: Label")) { try bag.files() }
        bag.info = [("Label", "two\nlines")]
        #expect(throws: BagItError.invalidInfo("Label")) { try bag.files() }
    }
}

@Suite("BagIt validation")
struct BagItValidationTests {
    func files() throws -> [BagItBag.File] {
        var bag = BagItBag()
        try bag.add("seals/1/seal.sel", Array(repeating: 0x30, count: 300))
        try bag.add("seals/1/filing.json", Array("{}".utf8))
        bag.info = [("Bundle-Sequence", "1")]
        return try bag.files { _ in [BagItBag.File(path: "signatures/tagmanifest-sm3.txt.p7s", bytes: [0x30, 0x00])] }
    }

    @Test("a bag we wrote validates; every single-byte change of any file is caught and named")
    func everyByteCounts() throws {
        let files = try files()
        try BagItValidation.validate(files)
        for (index, file) in files.enumerated() where !file.path.hasPrefix("signatures/") {
            for offset in stride(from: 0, to: file.bytes.count, by: max(1, file.bytes.count / 40)) {
                var changed = files
                changed[index].bytes[offset] ^= 0x01
                #expect(throws: (any Error).self, "\(file.path) byte \(offset)") { try BagItValidation.validate(changed) }
            }
        }
    }

    @Test("missing, extra and unlisted files are named")
    func namesProblems() throws {
        let files = try files()
        #expect(throws: BagItValidationError.missing("manifest-sm3.txt")) {
            try BagItValidation.validate(files.filter { $0.path != "manifest-sm3.txt" })
        }
        #expect(throws: BagItValidationError.missing("data/seals/1/seal.sel")) {
            try BagItValidation.validate(files.filter { $0.path != "data/seals/1/seal.sel" })
        }
        #expect(throws: BagItValidationError.notInManifest("manifest-sha256.txt", "data/extra.txt")) {
            try BagItValidation.validate(files + [BagItBag.File(path: "data/extra.txt", bytes: [1])])
        }
    }
}
