public import SealCrypto

/// Who an encrypted bundle is for, as its KeyTransRecipientInfo names them: the issuer of the recipient's certificate
/// and its serial number (RFC 5652 IssuerAndSerialNumber).
public struct EnvelopeRecipient: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The issuer's distinguished name, as text ("CN=…, O=…"); the DER as read when it cannot be shown.
    public var issuer: String
    /// The serial number in hex, without leading zero bytes.
    public var serialNumber: String

    public init(issuer: String, serialNumber: String) {
        self.issuer = issuer
        self.serialNumber = serialNumber
    }

    /// The recipient `certificate` names.
    public init(certificate: Certificate) {
        self.init(issuer: certificate.issuer.description, serialNumber: Hex.encode(Self.unsigned(certificate.serialNumber)))
    }

    /// An issuer Name (DER) and a serial number's INTEGER content octets, as a KeyTransRecipientInfo carries them.
    init(issuerDER: [UInt8], serialNumber: [UInt8]) {
        let issuer = (try? DistinguishedName(derEncoded: issuerDER)).map(\.description) ?? "a Name of DER \(Hex.encode(issuerDER))"
        self.init(issuer: issuer, serialNumber: Hex.encode(Self.unsigned(serialNumber)))
    }

    public var description: String { "issuer \(issuer), serial number \(serialNumber)" }

    /// The magnitude without leading zero bytes (as swift-asn1 reads an INTEGER; it adds one before a high bit when it
    /// writes one).
    static func unsigned(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes[...]
        while bytes.count > 1, bytes.first == 0 { bytes = bytes.dropFirst() }
        return Array(bytes)
    }
}
