public import Foundation
public import SealCrypto

/// One entry of a filed CRL (table `filed_crl_entry`): a certificate of the station's CA that the CRL numbered
/// `crlNumber` lists as revoked.
public struct FiledRevocationRecord: Codable, Sendable, Equatable {
    public static let databaseTableName = "filed_crl_entry"
    public var stationID: String
    public var crlNumber: Int64
    /// The certificate's serial number: lower-case hex without leading zero bytes (``serialHex(_:)``).
    public var serial: String
    public var revocationDate: Date
    /// The RFC 5280 reasonCode; nil when the entry has none (unspecified).
    public var reasonCode: Int?
    public var invalidityDate: Date?

    public init(stationID: String, crlNumber: Int64, serial: String, revocationDate: Date, reasonCode: Int?, invalidityDate: Date?) {
        self.stationID = stationID
        self.crlNumber = crlNumber
        self.serial = serial
        self.revocationDate = revocationDate
        self.reasonCode = reasonCode
        self.invalidityDate = invalidityDate
    }

    /// The record of `entry` on CRL `crlNumber` of `stationID`.
    public init(_ entry: RevokedCertificate, stationID: String, crlNumber: Int64) {
        self.init(stationID: stationID, crlNumber: crlNumber, serial: Self.serialHex(entry.serialNumber), revocationDate: entry.revocationDate,
                  reasonCode: entry.reason?.rawValue, invalidityDate: entry.invalidityDate)
    }

    /// The reason; nil when the entry gives none (RFC 5280: unspecified).
    public var reason: CRLReason? { reasonCode.flatMap(CRLReason.init(rawValue:)) }

    /// A serial number as it is filed: lower-case hex without leading zero bytes.
    public static func serialHex(_ serialNumber: [UInt8]) -> String {
        let trimmed = serialNumber.drop { $0 == 0 }
        return trimmed.isEmpty ? "00" : Hex.encode(trimmed)
    }

    /// The filed form of a serial number typed as hex (either case, with or without `0x` and `:` separators), or nil.
    public static func serialHex(parsing text: String) -> String? {
        var digits = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ":", with: "")
        if digits.lowercased().hasPrefix("0x") { digits.removeFirst(2) }
        if digits.count % 2 == 1 { digits = "0" + digits }
        guard !digits.isEmpty, digits.count <= 42, let bytes = Hex.decode(digits) else { return nil }
        return serialHex(bytes)
    }
}
