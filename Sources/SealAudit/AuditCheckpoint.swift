public import Foundation

/// A signed checkpoint of the chain's head: the station CA's SM2 signature (ID 1234567812345678) over
/// ``AuditChain/checkpointMessage(seq:hash:)``.
public struct AuditCheckpoint: Sendable, Hashable {
    public var seq: Int64
    /// The checkpointed record's chain hash.
    public var hash: Data
    /// DER SEQUENCE{r, s}.
    public var signature: Data

    /// A checkpoint of record `seq`.
    public init(seq: Int64, hash: Data, signature: Data) {
        self.seq = seq
        self.hash = hash
        self.signature = signature
    }
}
