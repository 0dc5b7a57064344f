/// SM2 constants (GB/T 32918, GM/T 0009).
public enum SM2 {
    /// The distinguishing identifier every SealStation SM2 signature uses, "1234567812345678" (GM/T 0009 §10).
    /// OpenSSL 3.0 defaults to the empty ID, so it is always set explicitly on both sides.
    public static let defaultUserID: [UInt8] = Array("1234567812345678".utf8)
}
