import Foundation
import GRDB
@testable import SealRegistry
import SealPKI
import Testing
import SealSES

/// Typed values are stored as their text and decoded as themselves; a stored value that fails its check (an edited
/// or damaged registry) is a registry error naming the row, the column, the value and the rule — never a trap.
@Suite("Stored typed values")
struct StoredValueTests {
    @Test("codes are stored as their canonical text: upper-case 统一社会信用代码, upper-case X in a 公民身份号码")
    func storedForm() throws {
        let queue = try DatabaseQueue()
        let fixture = try RegistryFixture(queue)
        let application = try fixture.approvedApplication(personal: true, holderID: try ResidentIdentityNumber("11010519491231002x"))
        let seal = try fixture.issue(application, type: .personal)
        let stored = try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT a.creditCode, a.holderIDNumber, s.custody, s.kind FROM application a JOIN seal s ON s.applicationID = a.id")
        }
        #expect(stored?["creditCode"] == "91110108MA00000070" && stored?["holderIDNumber"] == "11010519491231002X")
        #expect(stored?["custody"] == "file:issued/\(seal.esID)" && stored?["kind"] == "personal")
    }

    @Test("a stored credit code that fails GB 32100 is refused naming the seal, the value and the check character")
    func damagedCreditCode() throws {
        let queue = try DatabaseQueue()
        let fixture = try RegistryFixture(queue)
        let seal = try fixture.issue(try fixture.approvedApplication())
        try queue.write { db in try db.execute(sql: "UPDATE seal SET creditCode = '91110108MA00000071' WHERE id = ?", arguments: [seal.id]) }
        #expect {
            _ = try fixture.database.seal(seal.id!)
        } throws: { error in
            guard case .damagedValue(let table, let id, let column, let value, let reason) = error as? RegistryError else { return false }
            return table == "seal" && id == seal.id && column == "creditCode" && value == "91110108MA00000071"
                && reason.contains("check character")
        }
        // Queries that decode the row fail the same way; reads of other tables still work.
        #expect(throws: RegistryError.self) { _ = try fixture.database.seals(SealQuery()) }
        #expect(try fixture.database.officers().count == 3)
    }

    @Test("a damaged 公民身份号码, custody or kind is named too", arguments: [
        ("application", "holderIDNumber", "11010519491231002Y", "公民身份号码"),
        ("seal", "custody", "disk:/somewhere", "token:<label> serial:<serial>"),
        ("seal", "kind", "stamp", "unit or personal"),
    ])
    func damagedValues(table: String, column: String, value: String, rule: String) throws {
        let queue = try DatabaseQueue()
        let fixture = try RegistryFixture(queue)
        let application = try fixture.approvedApplication(personal: true, holderID: try ResidentIdentityNumber("11010519491231002X"))
        _ = try fixture.issue(application, type: .personal)
        try queue.write { db in try db.execute(sql: "UPDATE \(table) SET \(column) = ?", arguments: [value]) }
        #expect {
            _ = table == "seal" ? try fixture.database.seals(SealQuery()).count : try fixture.database.applications(state: nil).count
        } throws: { error in
            guard case .damagedValue(let foundTable, _, let foundColumn, let foundValue, let reason) = error as? RegistryError else { return false }
            return foundTable == table && foundColumn == column && foundValue == value && reason.contains(rule)
        }
    }
}
