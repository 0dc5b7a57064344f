public import Foundation

/// The `bag-info.txt` fields of a filing bundle: which station, which bundle in its chain, which period, how much.
public struct BundleInfo: Sendable, Equatable, Codable {
    public var organization: String
    public var stationName: String
    /// SM3 (hex) of the station CA certificate: the station's stable identity.
    public var stationID: String
    /// 1, 2, 3… per station.
    public var sequence: Int64
    /// SM3 (hex) of the previous bundle file; nil for the first.
    public var previousBundleSM3: String?
    /// The audit records the bundle covers, and their times.
    public var auditFirstSeq: Int64
    public var auditLastSeq: Int64
    public var periodStart: String
    public var periodEnd: String
    public var sealsIssued: Int
    public var sealsChanged: Int
    public var sealsRevoked: Int
    public var uses: Int
    public var created: Date

    public init(organization: String, stationName: String, stationID: String, sequence: Int64, previousBundleSM3: String?, auditFirstSeq: Int64, auditLastSeq: Int64, periodStart: String, periodEnd: String, sealsIssued: Int, sealsChanged: Int, sealsRevoked: Int, uses: Int, created: Date) {
        self.organization = organization
        self.stationName = stationName
        self.stationID = stationID
        self.sequence = sequence
        self.previousBundleSM3 = previousBundleSM3
        self.auditFirstSeq = auditFirstSeq
        self.auditLastSeq = auditLastSeq
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.sealsIssued = sealsIssued
        self.sealsChanged = sealsChanged
        self.sealsRevoked = sealsRevoked
        self.uses = uses
        self.created = created
    }

    /// The value written for a missing predecessor.
    static let none = "none"

    /// The labelled lines, in order (RFC 8493 reserved labels first, then SealStation's).
    func fields(payloadOctets: Int, payloadFiles: Int) -> [(label: String, value: String)] {
        [
            ("Source-Organization", organization),
            ("Bagging-Date", String(Self.timestamp(created).prefix(10))),
            ("Bag-Software-Agent", "SealStation"),
            ("Payload-Oxum", "\(payloadOctets).\(payloadFiles)"),
            ("Station-Name", stationName),
            ("Station-Id", stationID),
            ("Bundle-Sequence", String(sequence)),
            ("Previous-Bundle-SM3", previousBundleSM3 ?? Self.none),
            ("Audit-First-Seq", String(auditFirstSeq)),
            ("Audit-Last-Seq", String(auditLastSeq)),
            ("Period-Start", periodStart),
            ("Period-End", periodEnd),
            ("Seals-Issued", String(sealsIssued)),
            ("Seals-Changed", String(sealsChanged)),
            ("Seals-Revoked", String(sealsRevoked)),
            ("Uses", String(uses)),
            ("Created", Self.timestamp(created)),
        ]
    }

    /// Reads `bag-info.txt`; every SealStation field must be present once and well formed.
    /// - Returns: the fields and the declared Payload-Oxum (octets, files).
    static func parse(_ bytes: [UInt8]) throws -> (info: BundleInfo, oxum: (octets: Int, files: Int)) {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw FilingBundleError.badInfo("bag-info.txt is not UTF-8")
        }
        var values: [String: String] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":"), line[line.index(after: colon)...].hasPrefix(" ") else {
                throw FilingBundleError.badInfo("bag-info.txt line \"\(line)\" is not 'Label: value'")
            }
            let label = String(line[..<colon])
            guard values[label] == nil else { throw FilingBundleError.badInfo("bag-info.txt has \(label) twice") }
            values[label] = String(line[line.index(colon, offsetBy: 2)...])
        }
        func field(_ label: String) throws -> String {
            guard let value = values[label], !value.isEmpty else { throw FilingBundleError.badInfo("bag-info.txt has no \(label)") }
            return value
        }
        func number(_ label: String) throws -> Int64 {
            // Bounded well inside Int64, so sequence arithmetic never overflows.
            guard let value = Int64(try field(label)), (0...1_000_000_000_000).contains(value) else {
                throw FilingBundleError.badInfo("bag-info.txt \(label) is not a number from 0 to 10¹²")
            }
            return value
        }
        func hex(_ label: String) throws -> String {
            let value = try field(label)
            guard value.count == 64, value.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
                throw FilingBundleError.badInfo("bag-info.txt \(label) is not 64 lower-case hex digits")
            }
            return value
        }
        let oxumParts = try field("Payload-Oxum").split(separator: ".")
        guard oxumParts.count == 2, let octets = Int(oxumParts[0]), let files = Int(oxumParts[1]) else {
            throw FilingBundleError.badInfo("bag-info.txt Payload-Oxum is not octets.files")
        }
        let previous = try field("Previous-Bundle-SM3")
        guard let created = ISO8601DateFormatter().date(from: try field("Created")) else {
            throw FilingBundleError.badInfo("bag-info.txt Created is not an ISO 8601 time")
        }
        let info = BundleInfo(
            organization: try field("Source-Organization"), stationName: try field("Station-Name"), stationID: try hex("Station-Id"),
            sequence: try number("Bundle-Sequence"), previousBundleSM3: previous == none ? nil : try hex("Previous-Bundle-SM3"),
            auditFirstSeq: try number("Audit-First-Seq"), auditLastSeq: try number("Audit-Last-Seq"),
            periodStart: try field("Period-Start"), periodEnd: try field("Period-End"),
            sealsIssued: Int(try number("Seals-Issued")), sealsChanged: Int(try number("Seals-Changed")),
            sealsRevoked: Int(try number("Seals-Revoked")), uses: Int(try number("Uses")), created: created)
        guard info.sequence >= 1 else { throw FilingBundleError.badInfo("bag-info.txt Bundle-Sequence must start at 1") }
        guard (info.sequence == 1) == (info.previousBundleSM3 == nil) else {
            throw FilingBundleError.badInfo("bag-info.txt Previous-Bundle-SM3 must be 'none' exactly for bundle 1")
        }
        guard info.auditFirstSeq >= 1, info.auditFirstSeq <= info.auditLastSeq else {
            throw FilingBundleError.badInfo("bag-info.txt Audit-First-Seq…Audit-Last-Seq is not a range of records")
        }
        return (info, (octets, files))
    }

    static func timestamp(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}
