public import GRDB
public import SealCrypto
public import SealPKI

/// Stored as its RFC 5280 code in `certificate_revocation.reasonCode` (schema v7-revocation).
extension CRLReason: DatabaseValueConvertible {}

/// Stored as its text (`holder`, `maker`) in `certificate_revocation.role` (schema v7-revocation).
extension CertificateRole: DatabaseValueConvertible {}
