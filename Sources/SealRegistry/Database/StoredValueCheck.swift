import GRDB
import SealPKI
import SealSES

/// Finds the stored value that a typed record could not decode: every typed text column of the station's tables is
/// checked as its type checks it, and the first that fails is named (table, row, column, value and the rule).
enum StoredValueCheck {
    /// The typed text columns, each with its check (nil when the value passes).
    static let columns: [(table: String, column: String, check: @Sendable (String) -> String?)] = [
        ("application", "creditCode", { text in problem { try UnifiedSocialCreditCode(text) } }),
        ("application", "holderIDNumber", { text in problem { try ResidentIdentityNumber(text) } }),
        ("seal", "creditCode", { text in problem { try UnifiedSocialCreditCode(text) } }),
        ("seal", "custody", { KeyCustody(storedText: $0) == nil ? "not file:<path> or token:<label> serial:<serial>" : nil }),
        ("seal", "kind", { SealKind(rawValue: $0) == nil ? "not unit or personal" : nil }),
        ("certificate_revocation", "role", { [CertificateRole.holder, .maker].contains(CertificateRole(rawValue: $0)) ? nil : "not holder or maker" }),
    ]

    /// The error naming the first stored value that fails its check, nil when every one passes.
    static func firstDamaged(_ db: Database) throws -> RegistryError? {
        for (table, column, check) in columns {
            let rows = try Row.fetchCursor(db, sql: "SELECT id, \(column) FROM \(table) WHERE \(column) IS NOT NULL ORDER BY id")
            while let row = try rows.next() {
                guard let value = String.fromDatabaseValue(row[1] as DatabaseValue) else {
                    return RegistryError.damagedValue(table: table, id: row[0], column: column, value: "\(row[1] as DatabaseValue)", reason: "not text")
                }
                if let reason = check(value) {
                    return RegistryError.damagedValue(table: table, id: row[0], column: column, value: value, reason: reason)
                }
            }
        }
        return nil
    }

    private static func problem<T>(_ check: () throws -> T) -> String? {
        do {
            _ = try check()
            return nil
        } catch {
            return "\(error)"
        }
    }
}
