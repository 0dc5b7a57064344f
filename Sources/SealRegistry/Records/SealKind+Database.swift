public import GRDB
public import SealSES

/// Stored as its text in `seal.kind` (schema v6-seal-kind).
extension SealKind: DatabaseValueConvertible {}
