import Foundation
import SealBundle
import SealCrypto
import SealFiling
import SealRegistry
import SealSES
import SealStation
import SealTestSupport
import Testing

/// A seal's PNG is its SES_Seal's picture: bundles file it once, inside `seal.sel`, and the online side keeps it once.
/// Bundles written before (with `seal.png` and its SM3 beside the seal) still verify and import.
@Suite("The seal picture filed once: new bundles carry no seal.png; older bundles with one still import")
struct PictureOnceTests {
    /// The bundle of `office`'s export, as an older SealStation wrote it: `seal.png` (the picture) and its SM3 filed
    /// beside every seal, re-signed with the station's real maker key.
    static func olderForm(_ bundle: FilingBundle, png: (FilingBundle.SealEntry) throws -> [UInt8] = { try $0.picture() }) throws -> FilingBundle {
        var older = bundle
        for index in older.seals.indices {
            let png = try png(older.seals[index])
            older.seals[index].png = BundleBytes(png)
            older.seals[index].filing.pngSM3 = Hex.encode(try SM3.hash(png))
        }
        return older
    }

    @Test("an export files no seal.png and no pngSM3; the bundle verifies and imports, and the filed picture is the SES_Seal's", arguments: FilingStoreKind.allCases)
    func newBundles(_ kind: FilingStoreKind) async throws {
        let office = try FilingFixture()
        let unit = try office.issueUnitSeal()
        _ = try office.issuePersonalSeal()
        let export = try office.export()
        let members = try BundleArchive.read(URL(fileURLWithPath: export.path)).map(\.path)
        #expect(members.contains("data/seals/\(unit.esID)/seal.sel") && members.contains("data/seals/\(unit.esID)/seal.svg"))
        #expect(!members.contains { $0.hasSuffix("/seal.png") }, "\(members)")
        let filingJSON = try #require(try BundleArchive.read(URL(fileURLWithPath: export.path)).first { $0.path == "data/seals/\(unit.esID)/filing.json" })
        #expect(!String(decoding: filingJSON.bytes, as: UTF8.self).contains("pngSM3"))

        let outcome = office.outcome(export)
        #expect(outcome.report.isValid, "\(outcome.report.firstFailure ?? "")")
        let database = try await kind.open(office.directory, name: "new")
        _ = try await BundleImporter(store: database.store).importBundle(outcome, now: FilingFixture.now)
        let filed = try #require(try await database.store.filedSeals(esID: unit.esID).first)
        let picture = try filed.picture()
        #expect(picture.type.uppercased() == "PNG" && picture.data == unit.imagePNG.map { $0 })
    }

    @Test("a bundle in the older form (seal.png and pngSM3 beside each seal) verifies and imports; the picture is kept once", arguments: FilingStoreKind.allCases)
    func olderBundles(_ kind: FilingStoreKind) async throws {
        let office = try FilingFixture()
        let unit = try office.issueUnitSeal()
        let bundle = try #require(office.outcome(try office.export()).bundle)
        let older = try office.resigned(try Self.olderForm(bundle))
        #expect(older.report.isValid, "\(older.report.firstFailure ?? "")")
        #expect(try older.bundle?.seals.first?.png?.read() == unit.imagePNG.map { $0 })
        let database = try await kind.open(office.directory, name: "older")
        let result = try await BundleImporter(store: database.store).importBundle(older, now: FilingFixture.now)
        #expect(result.status == .imported && result.seals == 1)
        let filed = try #require(try await database.store.filedSeals(esID: unit.esID).first)
        #expect(try filed.picture().data == unit.imagePNG.map { $0 })
        // The whole database holds the PNG once: inside the filed SES_Seal.
        let dump = try database.dump()
        let pngHex = Hex.encode(Array(unit.imagePNG.prefix(64)))
        #expect(dump.lowercased().components(separatedBy: pngHex.lowercased()).count - 1 == 1)
    }

    @Test("an older-form bundle whose seal.png is not the SES_Seal's picture is refused, naming the seal")
    func olderPictureDiffers() throws {
        let office = try FilingFixture()
        let unit = try office.issueUnitSeal()
        let bundle = try #require(office.outcome(try office.export()).bundle)
        let tampered = try office.resigned(try Self.olderForm(bundle) { entry in
            var png = try entry.picture()
            png[png.count / 2] ^= 0x01
            return png
        })
        #expect(!tampered.report.isValid)
        let seal = try #require(tampered.report.seals.first { $0.esID == unit.esID })
        #expect(seal.problems.contains("seal.png is not the SES_Seal's picture"), "\(seal.problems)")
    }

    @Test("a pngSM3 without its seal.png, or a seal.png without its pngSM3, is refused as an incomplete bundle")
    func halfOlderForm() throws {
        let office = try FilingFixture()
        let unit = try office.issueUnitSeal()
        let bundle = try #require(office.outcome(try office.export()).bundle)
        var onlySM3 = bundle
        onlySM3.seals[0].filing.pngSM3 = Hex.encode(try SM3.hash(try bundle.seals[0].picture()))
        let missing = try office.resigned(onlySM3)
        #expect(!missing.report.isValid)
        #expect(missing.report.firstFailure?.contains("data/seals/\(unit.esID)/seal.png") == true, "\(missing.report.firstFailure ?? "")")
        var onlyPNG = bundle
        onlyPNG.seals[0].png = BundleBytes(try bundle.seals[0].picture())
        let unnamed = try office.resigned(onlyPNG)
        #expect(!unnamed.report.isValid)
        #expect(unnamed.report.firstFailure?.contains("names no pngSM3") == true, "\(unnamed.report.firstFailure ?? "")")
    }
}
