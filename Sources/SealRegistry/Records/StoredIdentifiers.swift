public import GRDB
public import SealPKI

/// A 统一社会信用代码 is stored as its 18 upper-case characters; a stored text that fails GB 32100 does not decode
/// (the registry names it: `RegistryError.damagedValue`).
extension UnifiedSocialCreditCode: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { value.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> UnifiedSocialCreditCode? {
        String.fromDatabaseValue(dbValue).flatMap { try? UnifiedSocialCreditCode($0) }
    }
}

/// A 公民身份号码 is stored as its 18 characters (upper-case X); a stored text that fails GB 11643 does not decode.
extension ResidentIdentityNumber: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { value.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> ResidentIdentityNumber? {
        String.fromDatabaseValue(dbValue).flatMap { try? ResidentIdentityNumber($0) }
    }
}
