import Foundation
import SealCrypto

/// One custodian's share of a backup key, as printable text:
/// `SEALSTATION-SHARE-1 <backup id> <threshold> <index> <share hex> <check>`, the check being the first 4 bytes of
/// SM3 over everything before it, so a mistyped share is caught before it is used.
public struct BackupShare: Hashable, Sendable {
    public static let prefix = "SEALSTATION-SHARE-1"
    public var backupID: [UInt8]
    public var threshold: Int
    public var share: ShamirSecretSharing.Share

    /// The share's text.
    public var text: String {
        let body = "\(Self.prefix) \(Hex.encode(backupID)) \(threshold) \(share.index) \(Hex.encode(share.bytes))"
        return body + " " + Self.check(body)
    }

    static func check(_ body: String) -> String {
        Hex.encode(((try? SM3.hash(Array(body.utf8))) ?? []).prefix(4))
    }

    public init(backupID: [UInt8], threshold: Int, share: ShamirSecretSharing.Share) {
        self.backupID = backupID
        self.threshold = threshold
        self.share = share
    }

    /// Parses a share's text (surrounding white space ignored); `source` names it in messages (the share file).
    /// - Throws: `BackupError.malformedShare` naming the field: a wrong check, a threshold outside 2…255, an index
    ///   outside 1…255, a backup id that is not 8 bytes, or share bytes that are not 32.
    public init(text: String, source: String = "the share") throws {
        func damaged(_ reason: String) -> BackupError { .malformedShare(source: source, reason: reason) }
        let parts = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard parts.count == 6, parts[0] == Self.prefix else { throw damaged("expected \(Self.prefix) and 5 fields") }
        let body = parts[0..<5].joined(separator: " ")
        guard Self.check(body) == parts[5].lowercased() else { throw damaged("the check does not match (mistyped?)") }
        guard let id = Hex.decode(parts[1]), id.count == BackupHeader.ShareParameters.backupIDLength else {
            throw damaged("its backup id \"\(parts[1].prefix(40))\" is not \(BackupHeader.ShareParameters.backupIDLength) bytes of hex")
        }
        let thresholds = BackupHeader.ShareParameters.thresholds
        guard let threshold = Int(parts[2]), thresholds.contains(threshold) else {
            throw damaged("its threshold \(parts[2].prefix(40)) is out of range (\(thresholds.lowerBound)…\(thresholds.upperBound))")
        }
        guard let index = UInt8(parts[3]), index > 0 else { throw damaged("its index \(parts[3].prefix(40)) is out of range (1…255)") }
        guard let bytes = Hex.decode(parts[4]), bytes.count == AES256GCM.keySize else {
            throw damaged("its share value is not \(AES256GCM.keySize) bytes of hex")
        }
        self.init(backupID: id, threshold: threshold, share: .init(index: index, bytes: bytes))
    }
}
