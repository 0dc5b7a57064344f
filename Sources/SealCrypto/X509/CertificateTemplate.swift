public import Foundation

/// What an issuer puts into a new certificate besides the subject's key.
public struct CertificateTemplate: Sendable {
    /// basicConstraints (always written, critical).
    public enum BasicConstraints: Sendable, Hashable {
        /// cA TRUE, with an optional pathLenConstraint.
        case certificateAuthority(pathLength: Int?)
        /// cA FALSE: an end entity.
        case endEntity
    }

    /// The subject name.
    public var subject: DistinguishedName
    /// The serial number, big-endian; positive and at most 20 bytes (RFC 5280 §4.1.2.2).
    public var serialNumber: [UInt8]
    /// Start of validity.
    public var notBefore: Date
    /// End of validity.
    public var notAfter: Date
    /// basicConstraints.
    public var basicConstraints: BasicConstraints
    /// keyUsage (always written, critical).
    public var keyUsage: KeyUsage

    public init(
        subject: DistinguishedName, serialNumber: [UInt8], notBefore: Date, notAfter: Date,
        basicConstraints: BasicConstraints, keyUsage: KeyUsage
    ) {
        self.subject = subject
        self.serialNumber = serialNumber
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.basicConstraints = basicConstraints
        self.keyUsage = keyUsage
    }

    /// 20 random bytes with the top bit clear and a non-zero first byte, so the DER INTEGER is exactly 20 bytes
    /// long and positive.
    public static func randomSerialNumber() throws -> [UInt8] {
        var serial = try SecureRandom.bytes(count: 20)
        serial[0] = (serial[0] & 0x7f) | 0x01
        return serial
    }
}
