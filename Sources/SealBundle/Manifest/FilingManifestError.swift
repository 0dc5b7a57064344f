/// Why a filing manifest was refused.
public enum FilingManifestError: Error, Equatable, CustomStringConvertible, Sendable {
    case malformed(String)
    case unknownSigner(String)
    case noQRCode(String)
    case mismatch([String])

    public var description: String {
        switch self {
        case .malformed(let detail): return "the filing manifest is malformed: \(detail)"
        case .unknownSigner(let detail): return "the filing manifest is not signed by this station: \(detail)"
        case .noQRCode(let source): return "no QR code could be read in \(source)"
        case .mismatch(let differences): return "the filing manifest does not describe this bundle: \(differences.joined(separator: "; "))"
        }
    }
}
