public import Foundation
public import SealCrypto

/// Which CRL answered a revocation question, for reports.
public struct CRLSummary: Sendable, Hashable, Codable {
    /// The CRL's issuer, for people.
    public var issuer: String
    /// The cRLNumber in decimal (hex when it does not fit 63 bits); nil when absent.
    public var number: String?
    public var thisUpdate: Date
    public var nextUpdate: Date?
    /// SM3 (hex) of the CRL's DER.
    public var sm3: String

    public init(_ crl: CertificateRevocationList) {
        issuer = crl.issuer.description
        number = crl.numberValue.map(String.init) ?? crl.number.map { "0x" + Hex.encode($0) }
        thisUpdate = crl.thisUpdate
        nextUpdate = crl.nextUpdate
        sm3 = Hex.encode(crl.fingerprint)
    }

    /// "CRL #3 of <issuer>".
    public var name: String { "CRL \(number.map { "#\($0) " } ?? "")of \(issuer)" }
}
