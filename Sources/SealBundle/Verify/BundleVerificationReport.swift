import Foundation
public import SealSES

/// What ``BundleVerifier`` found (`sealstation bundle verify`, `sealfiling verify` and `import`): every bundle-level check in order (``BundleCheck``, in SealSES's check form), and
/// every seal's result.
public struct BundleVerificationReport: Codable, Sendable {
    /// How a seal's filed image compares with the image redrawn from its filed fields.
    public struct ImageComparison: Codable, Sendable, Equatable {
        /// match, differs or not-compared.
        public enum Status: String, Codable, Sendable {
            case match, differs
            case notCompared = "not-compared"
        }

        public var status: Status
        public var detail: String

        public init(status: Status, detail: String) {
            self.status = status
            self.detail = detail
        }
    }

    /// One seal.
    public struct SealResult: Codable, Sendable {
        public var esID: String
        public var name: String
        public var state: String
        /// Every problem found; empty when the seal verified.
        public var problems: [String]
        public var image: ImageComparison
        public var isValid: Bool { problems.isEmpty }
    }

    /// The source of trust in the station CA.
    public enum Trust: String, Codable, Sendable {
        case anchor
        case stationInBundle = "station-in-bundle"
    }

    /// The file verified.
    public var bundle: String
    /// SM3 (hex) of the bundle file: what the next bundle names as its predecessor. For an encrypted bundle, the
    /// SM3 of the bundle inside.
    public var sm3: String
    /// SM3 (hex) of the encrypted file, when the bundle was encrypted (what its QR manifest and filing sheet name).
    public var encryptedSM3: String?
    /// The bag-info fields, once they could be read.
    public var info: BundleInfo?
    /// Whether the station CA was pinned by the caller (`--anchor`) rather than taken from the bundle.
    public var anchored: Bool
    /// Whom the verification trusted: the station CA the caller gave (`anchor`), or, chosen explicitly
    /// (`--trust-station-in-bundle`), the one the bundle carries (`station-in-bundle`), which shows only that the
    /// bundle is consistent with itself.
    public var trust: Trust
    /// The checks in the order run (ids: ``BundleCheck``).
    public var checks: [VerificationReport.Check]
    public var seals: [SealResult]

    /// Every check passed or was skipped and every seal verified.
    public var isValid: Bool { !checks.contains { $0.status == .failed } && seals.allSatisfy(\.isValid) }

    /// The first failure, for one-line messages.
    public var firstFailure: String? {
        if let check = checks.first(where: { $0.status == .failed }) { return "\(check.id): \(check.detail)" }
        if let seal = seals.first(where: { !$0.isValid }) { return "seal \(seal.esID): \(seal.problems.joined(separator: "; "))" }
        return nil
    }
}
