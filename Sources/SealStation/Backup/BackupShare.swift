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

    /// Parses a share's text (surrounding white space ignored).
    public init(text: String) throws {
        let parts = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard parts.count == 6, parts[0] == Self.prefix else { throw BackupError.malformedShare(reason: "expected \(Self.prefix) and 5 fields") }
        let body = parts[0..<5].joined(separator: " ")
        guard Self.check(body) == parts[5].lowercased() else { throw BackupError.malformedShare(reason: "the check does not match (mistyped?)") }
        guard let id = Hex.decode(parts[1]), let threshold = Int(parts[2]), let index = UInt8(parts[3]), index > 0, let bytes = Hex.decode(parts[4]) else {
            throw BackupError.malformedShare(reason: "unreadable fields")
        }
        self.init(backupID: id, threshold: threshold, share: .init(index: index, bytes: bytes))
    }
}
