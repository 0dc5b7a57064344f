public import Foundation
import SealCrypto

/// The hash chain of the audit log, shared by the station (which writes and checks it) and the online side (which
/// checks the records a filing bundle carries): each record's hash is SM3(prevHash ‖ canonical fields), and a
/// checkpoint is an SM2 signature by the station CA key over ``checkpointMessage(seq:hash:)``.
///
/// The canonical fields are the sequence number in decimal, then time, officer, action, object and details, each as
/// its UTF-8 bytes with a 4-byte big-endian length before it. ``appendMessage(to:prevHash:seq:field:)`` is the one
/// place that writes them.
public enum AuditChain {
    /// The previous hash of the first record.
    public static let genesis = Data(repeating: 0, count: 32)

    /// Appends prevHash ‖ canonical fields to `message`; `field(i)` gives field `i` (0 time, 1 officer, 2 action,
    /// 3 object, 4 details) as UTF-8 bytes.
    @inlinable
    public static func appendMessage<Hash: Collection<UInt8>, Field: Collection<UInt8>>(
        to message: inout [UInt8], prevHash: Hash, seq: Int64, field: (Int) -> Field
    ) {
        message.append(contentsOf: prevHash)
        var digits: [UInt8] = []
        var rest = seq.magnitude
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        if seq < 0 { digits.append(UInt8(ascii: "-")) }
        appendLength(digits.count, to: &message)
        message.append(contentsOf: digits.reversed())
        for index in 0..<5 {
            let bytes = field(index)
            appendLength(bytes.count, to: &message)
            message.append(contentsOf: bytes)
        }
    }

    @inlinable
    static func appendLength(_ length: Int, to message: inout [UInt8]) {
        let value = UInt32(truncatingIfNeeded: length)
        message.append(contentsOf: [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)])
    }

    /// The canonical bytes of a record's fields (without the previous hash).
    public static func canonical(seq: Int64, time: String, officer: String, action: String, object: String, details: String) -> [UInt8] {
        var message: [UInt8] = []
        appendMessage(to: &message, prevHash: EmptyCollection(), seq: seq) { fields(time, officer, action, object, details, $0) }
        return message
    }

    /// SM3(prevHash ‖ canonical fields).
    public static func hash(prevHash: Data, seq: Int64, time: String, officer: String, action: String, object: String, details: String) throws -> Data {
        var message: [UInt8] = []
        appendMessage(to: &message, prevHash: prevHash, seq: seq) { fields(time, officer, action, object, details, $0) }
        return Data(try SM3.hash(message))
    }

    private static func fields(_ time: String, _ officer: String, _ action: String, _ object: String, _ details: String, _ index: Int) -> String.UTF8View {
        switch index {
        case 0: return time.utf8
        case 1: return officer.utf8
        case 2: return action.utf8
        case 3: return object.utf8
        default: return details.utf8
        }
    }

    /// The hash `record` should carry, computed as if it stood at `seq` (its own position when nil).
    public static func hash(of record: AuditRecord, asSeq seq: Int64? = nil) throws -> Data {
        try hash(prevHash: record.prevHash, seq: seq ?? record.seq, time: record.time, officer: record.officer, action: record.action,
                 object: record.object, details: record.details)
    }

    /// The size of a record's canonical fields in bytes.
    public static func canonicalSize(of record: AuditRecord) -> Int {
        canonical(seq: record.seq, time: record.time, officer: record.officer, action: record.action, object: record.object,
                  details: record.details).count
    }

    /// The bytes a checkpoint signature covers: "SealStation audit checkpoint\0" ‖ seq (8 bytes, big-endian) ‖ hash.
    public static func checkpointMessage(seq: Int64, hash: Data) -> [UInt8] {
        Array("SealStation audit checkpoint\0".utf8) + withUnsafeBytes(of: UInt64(bitPattern: seq).bigEndian, Array.init) + Array(hash)
    }
}
