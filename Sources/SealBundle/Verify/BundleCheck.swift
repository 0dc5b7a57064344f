public import SealSES

/// The checks of a filing bundle's verification, in the order ``BundleVerifier`` runs them (the QR manifest's last,
/// when one is given), reported as SealSES's `VerificationReport.Check`: `rawValue` is the stable id scripts read.
public enum BundleCheck: String, CaseIterable, Sendable {
    /// An encrypted bundle's envelope, decrypted (first, only for encrypted bundles).
    case envelope
    case archive, bagit, layout, station, signature
    case auditChain = "audit-chain"
    case auditHead = "audit-head"
    case period, crl, revocation, seals, images
    case qrManifest = "qr-manifest"

    /// What the check is about, for people.
    public var title: String {
        switch self {
        case .envelope: return "encrypted bundle (GB/T 35275 EnvelopedData) decrypted"
        case .archive: return "archive safety and canonical form"
        case .bagit: return "BagIt manifests and tag manifests"
        case .layout: return "bag-info and layout"
        case .station: return "station CA and seal maker"
        case .signature: return "SignedData over tagmanifest-sm3.txt"
        case .auditChain: return "audit record chain"
        case .auditHead: return "signed audit head"
        case .period: return "seals and uses accounted for by the audit records"
        case .crl: return "the station CA's CRL carried in the bundle"
        case .revocation: return "seal maker not revoked (CRLs given)"
        case .seals: return "every filed seal"
        case .images: return "seal images redrawn from the filed fields"
        case .qrManifest: return "QR manifest"
        }
    }

    /// This check with `status` and `detail`.
    public func check(_ status: VerificationReport.Check.Status, _ detail: String) -> VerificationReport.Check {
        VerificationReport.Check(id: rawValue, title: title, status: status, detail: detail)
    }

    func passed(_ detail: String) -> VerificationReport.Check { check(.passed, detail) }
    func failed(_ detail: String) -> VerificationReport.Check { check(.failed, detail) }
    func skipped(_ detail: String) -> VerificationReport.Check { check(.skipped, detail) }

    /// Passed with the detail `body` returns, or failed with the error it throws.
    func run(_ body: () throws -> String) -> VerificationReport.Check {
        do {
            return passed(try body())
        } catch {
            return failed("\(error)")
        }
    }
}
