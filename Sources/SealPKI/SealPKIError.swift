public import Foundation

/// Errors from the station CA and certificate handling. Each case names the problem and the value that failed.
public enum SealPKIError: Error, Equatable, Sendable {
    /// `ca init` found a station CA already in the directory; nothing was overwritten.
    case stationCAExists(directory: String)
    /// The directory holds no station CA (no ca-cert.der).
    case stationCANotFound(directory: String)
    /// A file to be written exists already; nothing was overwritten.
    case fileExists(path: String)
    /// A file could not be read or written.
    case fileAccess(path: String, reason: String)
    /// A passphrase or PIN file that group or others may read or write (`mode` is its permission bits).
    case secretFileNotPrivate(path: String, mode: UInt32)
    /// The requested validity ends after the issuer's certificate does.
    case validityBeyondIssuer(requestedNotAfter: Date, issuerNotAfter: Date)
    /// The validity in days is not positive.
    case invalidValidityDays(Int)
    /// The certificate's public key is not the key it is being imported for.
    case certificateDoesNotMatchKey(certificateKey: String, privateKey: String)
    /// A CSR is not signed by the key it asks to certify.
    case certificationRequestSignatureInvalid(subject: String)
    /// A certificate chain did not verify; the problems say why.
    case chainInvalid([ChainProblem])
    /// The decrypted key file is not the private key of the certificate (or public key) it belongs to: damaged, or
    /// another key. `owner` names the certificate or public key file, `role` whose key it should be.
    case keyFileDoesNotBelong(keyFile: String, owner: String, role: String)
}

extension SealPKIError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .stationCAExists(let directory):
            return "a station CA already exists in \(directory); refusing to overwrite it"
        case .stationCANotFound(let directory):
            return "no station CA in \(directory) (expected \(StationCA.certificateFileName)); run `sealstation ca init` first"
        case .fileExists(let path):
            return "\(path) exists already; refusing to overwrite it"
        case .fileAccess(let path, let reason):
            return "cannot access \(path): \(reason)"
        case .secretFileNotPrivate(let path, let mode):
            return "\(path) holds a secret but group or others have access to it (mode \(String(format: "%04o", mode))); refusing to use it — "
                + "make it private with: chmod 600 \(path)"
        case .validityBeyondIssuer(let requested, let issuer):
            return "the requested validity ends \(requested.formatted(.iso8601)), after the issuing CA "
                + "certificate's \(issuer.formatted(.iso8601)); ask for fewer days"
        case .invalidValidityDays(let days):
            return "validity must be at least 1 day, got \(days)"
        case .certificateDoesNotMatchKey(let certificateKey, let privateKey):
            return "the certificate is for key \(certificateKey), not for this private key (\(privateKey))"
        case .certificationRequestSignatureInvalid(let subject):
            return "the certification request for \(subject) is not signed by the key it asks to certify"
        case .keyFileDoesNotBelong(let keyFile, let owner, let role):
            return "the key file \(keyFile) does not belong to \(owner): it is damaged or not this \(role)'s key; "
                + "nothing was signed"
        case .chainInvalid(let problems):
            return "certificate chain does not verify: " + problems.map(\.description).joined(separator: "; ")
        }
    }
}
