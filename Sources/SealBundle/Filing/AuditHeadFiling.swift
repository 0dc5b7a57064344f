/// The signed head of the audit chain at the end of the bundle's period, `data/audit/head.json`: the station CA's
/// SM2 signature (ID 1234567812345678) over `AuditChain.checkpointMessage(seq:hash:)`.
public struct AuditHeadFiling: Codable, Sendable, Equatable {
    public var seq: Int64
    /// The record's chain hash, hex.
    public var hash: String
    public var signedAt: String
    /// DER SEQUENCE{r, s}, hex.
    public var signature: String
    /// How the signature is made, for people reading the file.
    public var algorithm: String

    public static let algorithmDescription =
        "SM2-with-SM3, ID 1234567812345678, by the station CA key, over \"SealStation audit checkpoint\\0\" ‖ seq (uint64 big-endian) ‖ hash"

    public init(seq: Int64, hash: String, signedAt: String, signature: String) {
        self.seq = seq
        self.hash = hash
        self.signedAt = signedAt
        self.signature = signature
        self.algorithm = Self.algorithmDescription
    }
}
