public import ArgumentParser
public import Foundation
public import SealCrypto
public import SealPKI

/// `--crl FILE` (repeatable) and `--require-crl`, for every command that verifies certificates: each certificate on
/// a path is looked up on its issuer's CRLs (see `RevocationChecker`).
public struct RevocationOptions: ParsableArguments {
    @Option(name: .customLong("crl"), help: ArgumentHelp(
        "A CRL (DER or PEM) to look every certificate on the path up in (the station's: sealstation crl issue); repeatable.",
        valueName: "FILE"))
    public var crl: [String] = []

    @Flag(name: .customLong("require-crl"), help: "Fail when a certificate's revocation status cannot be established from the CRLs given (none from its issuer, or only stale or refused ones).")
    public var requireCRL = false

    public init() {}

    /// The checker for the CRLs given, judging staleness at `now`; nil when neither option is given (no revocation
    /// checks, as before CRLs).
    /// - Throws: ``CRLFileError`` for a file that cannot be read or is not a CRL.
    public func checker(now: Date) throws -> RevocationChecker? {
        guard !crl.isEmpty || requireCRL else { return nil }
        return RevocationChecker(crls: try crls(), requireCRL: requireCRL, now: now)
    }

    /// The CRLs given, parsed.
    public func crls() throws -> [CertificateRevocationList] {
        try crl.map { path in
            let bytes: [UInt8]
            do {
                bytes = try ProtectedFile.read(path, limit: CertificateRevocationList.maximumBytes)
            } catch {
                throw CRLFileError(path: path, reason: "\(error)")
            }
            do {
                return try CertificateRevocationList(derOrPEM: bytes)
            } catch {
                throw CRLFileError(path: path, reason: "\(error)")
            }
        }
    }
}

/// A `--crl` file that cannot be used, with the reason.
public struct CRLFileError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "the CRL \(path) cannot be used: \(reason)" }
}
