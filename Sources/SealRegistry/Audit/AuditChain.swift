public import Foundation
import SealCrypto

/// The hash chain of the audit log, shared by the station (which writes and checks it) and the online side (which
/// checks the records a filing bundle carries): each record's hash is SM3(prevHash ‖ canonical fields), and a
/// checkpoint is an SM2 signature by the station CA key over ``checkpointMessage(seq:hash:)``.
public enum AuditChain {
    /// The previous hash of the first record.
    public static let genesis = Data(repeating: 0, count: 32)

    /// The canonical bytes of a record's fields: each field's UTF-8 with a 4-byte big-endian length before it.
    public static func canonical(seq: Int64, time: String, officer: String, action: String, object: String, details: String) -> [UInt8] {
        var bytes: [UInt8] = []
        for field in [String(seq), time, officer, action, object, details] {
            let utf8 = Array(field.utf8)
            bytes += withUnsafeBytes(of: UInt32(utf8.count).bigEndian, Array.init) + utf8
        }
        return bytes
    }

    /// SM3(prevHash ‖ canonical fields).
    public static func hash(prevHash: Data, seq: Int64, time: String, officer: String, action: String, object: String, details: String) throws -> Data {
        var hasher = try DigestAlgorithm.Hasher(.sm3)
        hasher.update(prevHash)
        hasher.update(canonical(seq: seq, time: time, officer: officer, action: action, object: object, details: details))
        return Data(try hasher.finalize())
    }

    /// The hash `record` should carry, computed as if it stood at `seq` (its own position when nil).
    public static func hash(of record: AuditRecord, asSeq seq: Int64? = nil) throws -> Data {
        try hash(prevHash: record.prevHash, seq: seq ?? record.seq, time: record.time, officer: record.officer, action: record.action,
                 object: record.object, details: record.details)
    }

    /// The bytes a checkpoint signature covers: "SealStation audit checkpoint\0" ‖ seq (8 bytes, big-endian) ‖ hash.
    public static func checkpointMessage(seq: Int64, hash: Data) -> [UInt8] {
        Array("SealStation audit checkpoint\0".utf8) + withUnsafeBytes(of: UInt64(seq).bigEndian, Array.init) + Array(hash)
    }
}
