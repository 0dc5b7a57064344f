import Foundation
import SealBundle
import SealCrypto
import SealFiling
import SealPKI
import SealStation
import SealTestSupport
import Testing
import SealRegistry
import SealSES

/// The online side re-checks what it files, whatever the station checked: each forged bundle below is signed with
/// the station's real maker key, so it verifies, and only the import's own check can refuse it.
@Suite("Online re-checks: credit codes, holder certificates, holder numbers; case-insensitive queries; every filed field kept")
struct FiledIdentityTests {
    /// A valid GB 32100 code of another unit in the same region (characters 3–8 as in the fixture's code).
    static let neighbourCode: String = {
        let stem = "91110108MA0000008"
        for check in "0123456789ABCDEFGHJKLMNPQRTUWXY" where (try? UnifiedSocialCreditCode(stem + String(check))) != nil {
            return stem + String(check)
        }
        fatalError("no check character for \(stem)")
    }()

    /// Imports `outcome` into a new store, expecting `expected`; the store stays empty.
    func expectRefused(_ outcome: BundleVerifier.Outcome, in office: FilingFixture, kind: FilingStoreKind,
                       _ matches: (BundleImportError) -> Bool) async throws {
        #expect(outcome.report.isValid, "\(outcome.report.firstFailure ?? "")")
        let database = try await kind.open(office.directory, name: UUID().uuidString)
        let empty = try database.dump()
        await #expect {
            try await BundleImporter(store: database.store).importBundle(outcome, now: FilingFixture.now)
        } throws: { error in
            guard let error = error as? BundleImportError else { return false }
            return matches(error)
        }
        #expect(try database.dump() == empty)
    }

    @Test("a filing whose 统一社会信用代码 fails GB 32100 is refused, naming the seal and the check character", arguments: FilingStoreKind.allCases)
    func invalidCreditCode(_ kind: FilingStoreKind) async throws {
        let office = try FilingFixture()
        let seal = try office.issueUnitSeal()
        var bundle = try #require(office.outcome(try office.export()).bundle)
        bundle.seals[0].filing.creditCode = "91110108MA00000071"
        try await expectRefused(try office.resigned(bundle), in: office, kind: kind) { error in
            guard case .invalidCreditCode(let esID, let code, let problem) = error else { return false }
            return esID == seal.esID && code == "91110108MA00000071" && problem == .wrongCheckCharacter(kind: "统一社会信用代码", found: "1", expected: "0")
                && error.description.contains("seal \(seal.esID)") && error.description.contains("GB 32100")
        }
    }

    @Test("a filing whose valid 统一社会信用代码 is not the holder certificate's subject OU is refused", arguments: FilingStoreKind.allCases)
    func creditCodeNotCertified(_ kind: FilingStoreKind) async throws {
        let office = try FilingFixture()
        let seal = try office.issueUnitSeal()
        var bundle = try #require(office.outcome(try office.export()).bundle)
        // Valid, and of the esID's region: only the comparison with the certificate can catch it.
        bundle.seals[0].filing.creditCode = Self.neighbourCode
        try await expectRefused(try office.resigned(bundle), in: office, kind: kind) { error in
            guard case .creditCodeNotCertified(let esID, let code, let certified) = error else { return false }
            return esID == seal.esID && code == Self.neighbourCode && certified == FilingFixture.creditCode
                && error.description.contains("subject OU")
        }
    }

    @Test("a personal seal whose holder 公民身份号码 fails GB 11643 is refused", arguments: FilingStoreKind.allCases)
    func invalidHolderNumber(_ kind: FilingStoreKind) async throws {
        let office = try FilingFixture()
        let seal = try office.issuePersonalSeal()
        var bundle = try #require(office.outcome(try office.export()).bundle)
        bundle.seals[0].filing.holderIDNumber = "110105194912310021"
        try await expectRefused(try office.resigned(bundle), in: office, kind: kind) { error in
            guard case .invalidHolderIDNumber(let esID, let problem) = error else { return false }
            return esID == seal.esID && problem.contains("GB 11643") && error.description.contains("personal seal \(seal.esID)")
        }
    }

    @Test("a lower-case credit code finds the seal online; physicalCode, issuedBy and approvedBy survive import", arguments: FilingStoreKind.allCases)
    func queryAndKeptFields(_ kind: FilingStoreKind) async throws {
        let office = try FilingFixture()
        // Applied for in lower case (the station accepts it and files it upper case).
        let seal = try office.issueUnitSeal(creditCode: FilingFixture.creditCode.lowercased())
        _ = try office.issuePersonalSeal()
        let database = try await kind.open(office.directory, name: "filings")
        #expect(try await BundleImporter(store: database.store).importBundle(office.outcome(try await office.export()), now: FilingFixture.now).status == .imported)

        let found = try await database.store.filedSeals(creditCode: " 91110108ma00000070 ")
        #expect(found.count == 2)
        #expect(try await database.store.filedSeals(creditCode: "91110108MA00000070").count == 2)
        let unit = try #require(try await database.store.filedSeals(esID: seal.esID).first)
        #expect(unit.creditCode == FilingFixture.creditCode)
        #expect(unit.physicalCode == "1101080012345")
        #expect(unit.issuedBy == "经办人丁")
        #expect(unit.approvedBy == "审批人乙")
        #expect(unit.useName == "合同专用章" && unit.kind == .unit && unit.state == "issued")
        let personal = try #require(found.first { $0.kind == .personal })
        #expect(personal.holderIDNumber == "11010519491231002X" && personal.issuedBy == "经办人丁" && personal.approvedBy == "审批人乙")
        #expect(personal.physicalCode == nil)
    }
}
